//! The narrow waist of sitrep: the data model every pipeline stage shares.
//!
//! Data flows through sitrep as follows:
//!
//! 1. *ingest* reads files and streams and yields [`RawDocument`]s: a body (HTML or plain text)
//!    with the metadata that came with it ([`Meta`]) and any problems met while reading.
//! 2. *clean* turns a [`RawDocument`] into an [`Article`]: the main text of the page, what was
//!    removed (for audit) and an [`Alignment`] that maps every character of the clean text back
//!    to the original.
//! 3. Later stages ([`Annotator`]s) enrich the [`Article`] in place: mentions, times,
//!    quantities, claims and event mentions. They never change [`Article::text`]: every
//!    annotation is a [`Span`] of Unicode character offsets into it.
//! 4. Cross-article resolution turns event mentions into [`Event`]s.
//!
//! ```
//! use sitrep_core::{Span, text::CharIndex};
//! let text = "Kyiv — the capital";
//! let span = Span::new(7, 10);
//! assert_eq!(span.slice(text), "the");
//! let idx = CharIndex::new(text);
//! assert_eq!(idx.byte_to_char(text.find("the").unwrap()), 7);
//! ```

pub mod annotation;
pub mod article;
pub mod error;
pub mod event;
pub mod meta;
pub mod span;
pub mod stage;
pub mod text;

pub use annotation::{
    ActorTag, ActorType, Claim, Cover, Geo, GeoPrecision, Mention, MentionKind, PartOf, Quantity,
    RunnerUp, Stance, TimeExpr, TimePrecision,
};
pub use article::{Alignment, Article, RemovalReason, Removed, Segment};
pub use error::{ArticleError, ErrorCode, Severity};
pub use event::{
    Actor, ActorRole, ClaimStatus, Conflict, ConflictValue, DateRange, Event, EventClaim,
    EventMention, EventType, Evidence, Location, MentionActor, PlaceRelation, SubEventType,
    TypeDecision,
};
pub use meta::{Body, Meta, Published, RawDocument};
pub use span::Span;
pub use stage::{Annotator, Cleaner, StageError};
