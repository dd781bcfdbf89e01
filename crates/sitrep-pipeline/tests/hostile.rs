//! Hostile input through the whole pipeline: an article over its time budget is reported and
//! the run goes on; a page nested far deeper than any browser builds still gives its text; a
//! text with no sentence end is read. (How time grows with size is measured by
//! `scripts/bench/hostile.sh`, not here.)

use sitrep_core::{Article, ErrorCode};
use sitrep_pipeline::{Input, Options, Pipeline, PipelineError};
use std::time::Duration;

const REPORT: &str = "Gunmen attacked a police checkpoint in the north on Tuesday, killing three \
officers, the provincial governor said.\n";

fn process(pipeline: &Pipeline, inputs: Vec<Input>) -> (Vec<Article>, sitrep_pipeline::Summary) {
    let mut articles = Vec::new();
    let summary = pipeline
        .process(inputs, &|_| {}, |batch| -> Result<(), PipelineError> {
            articles.extend(batch);
            Ok(())
        })
        .unwrap();
    (articles, summary)
}

fn two_inputs() -> Vec<Input> {
    vec![
        Input::bytes("a.txt", REPORT.as_bytes()),
        Input::bytes("b.txt", REPORT.replace("three", "four").as_bytes()),
    ]
}

#[test]
fn an_article_over_its_budget_is_reported_and_the_run_goes_on() {
    let tight = Pipeline::new(Options {
        threads: Some(1),
        article_budget: Some(Duration::from_nanos(1)),
        ..Options::default()
    })
    .unwrap();
    let (articles, summary) = process(&tight, two_inputs());
    assert!(articles.is_empty());
    assert_eq!(summary.failures.len(), 2, "{:?}", summary.failures);
    for (f, name) in summary.failures.iter().zip(["a.txt", "b.txt"]) {
        assert_eq!(f.code, ErrorCode::OverBudget);
        assert!(f.message.starts_with(name), "{}", f.message);
        assert!(f.message.contains("per-article budget"), "{}", f.message);
    }
    assert!(summary.has_failures());

    // The default budget is far above what an article takes; no budget at all works too.
    for budget in [Options::default().article_budget, None] {
        let roomy = Pipeline::new(Options {
            threads: Some(1),
            article_budget: budget,
            ..Options::default()
        })
        .unwrap();
        let (articles, summary) = process(&roomy, two_inputs());
        assert_eq!(articles.len(), 2, "{:?}", summary.failures);
        assert!(articles[0]
            .event_mentions
            .as_ref()
            .is_some_and(|e| !e.is_empty()));
    }

    let zero = Pipeline::new(Options {
        article_budget: Some(Duration::ZERO),
        ..Options::default()
    });
    assert!(matches!(zero, Err(PipelineError::Options(_))));
}

#[test]
fn a_page_nested_deeper_than_browsers_build_still_gives_its_text() {
    let depth = 20_000;
    let page = format!(
        "<html><head><title>Checkpoint attack</title></head><body>{}<article><p>{}</p>\
         <p>Residents said the gunfire lasted an hour.</p></article>{}</body></html>",
        "<div>".repeat(depth),
        REPORT.trim(),
        "</div>".repeat(depth)
    );
    let pipeline = Pipeline::new(Options {
        threads: Some(1),
        ..Options::default()
    })
    .unwrap();
    let (articles, summary) = process(&pipeline, vec![Input::bytes("deep.html", page.as_bytes())]);
    assert_eq!(articles.len(), 1, "{:?}", summary.failures);
    let a = &articles[0];
    assert!(
        a.text.contains("Gunmen attacked a police checkpoint"),
        "{}",
        a.text
    );
    assert!(a.text.contains("gunfire lasted an hour"), "{}", a.text);
}

#[test]
fn a_text_with_no_sentence_end_is_read_in_bounded_sentences() {
    // Ten thousand clauses joined by commas: one "sentence" of about 90,000 characters.
    let clause = "rebels shelled the market in the old town, ";
    let text = format!("Witnesses said {}", clause.repeat(2_000));
    let pipeline = Pipeline::new(Options {
        threads: Some(1),
        ..Options::default()
    })
    .unwrap();
    let (articles, summary) = process(&pipeline, vec![Input::bytes("runon.txt", text.as_bytes())]);
    assert_eq!(articles.len(), 1, "{:?}", summary.failures);
    let a = &articles[0];
    let sentences = a.sentences.as_ref().unwrap();
    assert!(sentences.len() > 10, "{}", sentences.len());
    assert!(
        sentences.iter().all(|s| s.end - s.start < 3_000),
        "a sentence longer than the cap"
    );
    assert!(a.event_mentions.as_ref().is_some_and(|e| e.len() > 100));
}

#[test]
fn stages_stop_between_steps_once_the_deadline_has_passed() {
    use sitrep_core::Annotator;
    let understand = sitrep_understand::Understand::default();
    let events = sitrep_events::EventMentions::default();
    let mut article = Article {
        text: REPORT.to_string(),
        deadline: Some(std::time::Instant::now()),
        ..Article::default()
    };
    let e = understand.annotate(&mut article).unwrap_err();
    assert_eq!(e.stage, "understand");
    assert!(e.message.contains("time budget"), "{e}");
    assert!(article.mentions.is_none(), "nothing half-written");
    assert!(events.annotate(&mut article).is_err());

    article.deadline = None;
    understand.annotate(&mut article).unwrap();
    events.annotate(&mut article).unwrap();
    assert!(article.event_mentions.is_some_and(|e| !e.is_empty()));
}
