//! Slots of event mentions (time, place, actors, weapons, counts) and the claims that cover
//! them, on the team's own wire-style sentences, through the real understand stage. Names of
//! groups and people are invented; places are real so that they link.

use sitrep_core::annotation::{Cover, MentionKind};
use sitrep_core::event::ActorRole;
use sitrep_core::{Annotator, Article, EventMention, Published};
use sitrep_events::EventMentions;
use sitrep_understand::Understand;
use std::sync::OnceLock;

fn stages() -> &'static (Understand, EventMentions) {
    static S: OnceLock<(Understand, EventMentions)> = OnceLock::new();
    S.get_or_init(|| (Understand::default(), EventMentions::default()))
}

/// Annotate `text` as published on Tuesday 12 March 2024.
fn annotate(text: &str) -> Article {
    let mut a = Article {
        id: "t".into(),
        text: text.into(),
        published: Published::parse("2024-03-12"),
        ..Article::default()
    };
    let (u, e) = stages();
    u.annotate(&mut a).unwrap();
    e.annotate(&mut a).unwrap();
    check_indices(&a);
    a
}

/// Every stored index is valid for the article's lists, and of the right kind.
fn check_indices(a: &Article) {
    let ms = a.mentions.as_deref().unwrap_or_default();
    let ts = a.times.as_deref().unwrap_or_default();
    let qs = a.quantities.as_deref().unwrap_or_default();
    let es = a.event_mentions.as_deref().unwrap_or_default();
    let mut owner = vec![0; qs.len()];
    for e in es {
        if let Some(t) = e.time {
            assert!(t < ts.len());
        }
        if let Some(p) = e.place {
            assert!(matches!(
                ms[p].kind,
                MentionKind::Place | MentionKind::Facility
            ));
        }
        for x in &e.actors {
            assert!(!matches!(
                ms[x.mention].kind,
                MentionKind::Weapon | MentionKind::Facility
            ));
        }
        for &w in &e.weapons {
            assert_eq!(ms[w].kind, MentionKind::Weapon);
        }
        for &q in &e.counts {
            owner[q] += 1;
        }
    }
    assert!(owner.iter().all(|&n| n <= 1), "a count has one event");
    for c in a.claims.iter().flatten() {
        for cover in &c.covers {
            if let Cover::Event(i) = cover {
                assert!(*i < es.len());
            }
        }
    }
}

fn main_of(a: &Article) -> &EventMention {
    let ms = a.event_mentions.as_ref().unwrap();
    ms.iter().find(|m| m.main).expect("a main event")
}

fn time_of(a: &Article, e: &EventMention) -> Option<(String, Option<String>)> {
    let t = &a.times.as_ref().unwrap()[e.time?];
    Some((t.text.clone(), t.value.clone()))
}

fn day_of(a: &Article, e: &EventMention) -> Option<String> {
    time_of(a, e).and_then(|(_, v)| v)
}

/// The place's text and country.
fn place_of(a: &Article, e: &EventMention) -> Option<(String, Option<String>)> {
    let m = &a.mentions.as_ref().unwrap()[e.place?];
    Some((
        m.text.clone(),
        m.geo.as_ref().and_then(|g| g.country.clone()),
    ))
}

fn actors_of(a: &Article, e: &EventMention) -> Vec<(String, ActorRole)> {
    let ms = a.mentions.as_ref().unwrap();
    e.actors
        .iter()
        .map(|x| (ms[x.mention].text.clone(), x.role))
        .collect()
}

fn weapons_of(a: &Article, e: &EventMention) -> Vec<String> {
    let ms = a.mentions.as_ref().unwrap();
    e.weapons.iter().map(|&w| ms[w].text.clone()).collect()
}

/// Counts as (value, predicate).
fn counts_of(a: &Article, e: &EventMention) -> Vec<(f64, String)> {
    let qs = a.quantities.as_ref().unwrap();
    e.counts
        .iter()
        .map(|&q| (qs[q].value, qs[q].predicate.clone().unwrap_or_default()))
        .collect()
}

#[test]
fn time_of_the_sentence_resolved_against_publication() {
    let a = annotate("A missile attack hit an apartment block in Odesa, Ukraine, on Tuesday.");
    assert_eq!(day_of(&a, main_of(&a)).as_deref(), Some("2024-03-12"));
    let a = annotate(
        "Clashes broke out between the Crimson Brigade and the Northern Shield Movement near Goma on Saturday.",
    );
    assert_eq!(day_of(&a, main_of(&a)).as_deref(), Some("2024-03-09"));
}

#[test]
fn speech_times_and_later_times_do_not_date_the_event() {
    // "said on Monday" dates the speaking.
    let a = annotate("The army said on Monday that rebels shelled the village.");
    assert_eq!(time_of(&a, main_of(&a)), None);
    // A date after publication is not when a past event happened.
    let a = annotate("Rebels shelled the village on the eve of talks set for March 20.");
    assert_eq!(time_of(&a, main_of(&a)), None);
}

#[test]
fn main_event_takes_the_time_of_an_earlier_opening_sentence() {
    let a = annotate(
        "On Sunday, the town of Kupiansk was quiet at dawn. Later, gunmen ambushed a military convoy near the town.",
    );
    let m = main_of(&a);
    assert_eq!(m.trigger, "ambushed");
    assert_eq!(day_of(&a, m).as_deref(), Some("2024-03-10"));
    // A place of the opening, too.
    assert_eq!(
        place_of(&a, m),
        Some(("Kupiansk".to_string(), Some("UA".to_string())))
    );
}

#[test]
fn main_event_takes_the_first_day_of_a_later_opening_sentence() {
    let a = annotate(
        "A teenager was killed in a drive-by shooting in Fresno, police said. \
         The boy was shot Sunday night outside his home.",
    );
    let m = main_of(&a);
    assert_eq!(day_of(&a, m).as_deref(), Some("2024-03-10"));
}

#[test]
fn main_event_takes_the_day_a_later_sentence_gives_the_same_kind_of_event() {
    let a = annotate(
        "Neighbours are mourning a nine-year-old girl who was shot and killed in Fresno, \
         police said. Officers have not named a suspect. Friends left flowers at the house. \
         Her school will hold a vigil on Friday. The girl was killed on Sunday night while \
         she played in the yard.",
    );
    let m = main_of(&a);
    assert_eq!(day_of(&a, m).as_deref(), Some("2024-03-10"));
    // A day given to another event of the kind, introduced as a new one, does not date it.
    let a = annotate(
        "Neighbours are mourning a nine-year-old girl who was shot and killed in Fresno, \
         police said. Officers have not named a suspect. Friends left flowers at the house. \
         Her school will hold a vigil on Friday. Another girl was killed on Sunday night in \
         a nearby town.",
    );
    let m = main_of(&a);
    assert_eq!(day_of(&a, m), None);
}

#[test]
fn overnight_is_the_night_just_past() {
    let a = annotate("Gunmen attacked a police post in the north of the country overnight.");
    let t = &a.times.as_ref().unwrap()[main_of(&a).time.expect("a time")];
    assert_eq!(
        (t.value.as_deref(), t.until.as_deref()),
        (Some("2024-03-11"), Some("2024-03-12"))
    );
}

#[test]
fn a_time_of_the_legal_process_does_not_date_the_violence() {
    // "pleaded guilty Friday" dates the plea: the shooting keeps no time of its own here.
    let a = annotate("A Fresno man pleaded guilty Friday in the fatal shooting of his neighbor.");
    let m = main_of(&a);
    assert_eq!(m.trigger, "shooting");
    assert_eq!(time_of(&a, m), None);
    // A day the opening gives the shooting itself still dates it.
    let a = annotate(
        "A man was charged Monday in the shooting of his neighbor in Fresno. \
         The neighbor was shot on Saturday during an argument, police said.",
    );
    assert_eq!(day_of(&a, main_of(&a)).as_deref(), Some("2024-03-09"));
}

#[test]
fn a_week_is_narrowed_to_the_day_the_opening_gives() {
    let a = annotate(
        "Rebels attacked the town of Bunia earlier this week. The assault began on Monday, witnesses said.",
    );
    let m = main_of(&a);
    assert_eq!(
        time_of(&a, m),
        Some(("on Monday".to_string(), Some("2024-03-11".to_string())))
    );
    assert_eq!(
        place_of(&a, m),
        Some(("Bunia".to_string(), Some("CD".to_string())))
    );
}

#[test]
fn a_recalled_event_keeps_its_own_time_and_count() {
    let a = annotate(
        "Militants attacked a police post in Maiduguri on Monday, killing three officers. Last year, a similar attack in the city killed 20 people.",
    );
    let m = main_of(&a);
    assert_eq!(day_of(&a, m).as_deref(), Some("2024-03-11"));
    assert_eq!(
        place_of(&a, m),
        Some(("Maiduguri".to_string(), Some("NG".to_string())))
    );
    assert_eq!(counts_of(&a, m), vec![(3.0, "killed".to_string())]);
    let ms = a.event_mentions.as_ref().unwrap();
    let old = ms
        .iter()
        .find(|e| e.background)
        .expect("a background mention");
    assert_eq!(day_of(&a, old).as_deref(), Some("2023"));
    assert_eq!(counts_of(&a, old), vec![(20.0, "killed".to_string())]);
}

#[test]
fn place_most_specific_with_its_country() {
    let a = annotate("A missile attack hit an apartment block in Odesa, Ukraine, on Tuesday.");
    assert_eq!(
        place_of(&a, main_of(&a)),
        Some(("Odesa".to_string(), Some("UA".to_string())))
    );
    let a = annotate("Russian shelling hit villages in the Kherson region overnight.");
    assert_eq!(
        place_of(&a, main_of(&a)),
        Some(("Kherson region".to_string(), Some("UA".to_string())))
    );
    let a = annotate("Rebels launched a rocket attack on the airport of Mogadishu, Somalia.");
    assert_eq!(
        place_of(&a, main_of(&a)),
        Some(("Mogadishu".to_string(), Some("SO".to_string())))
    );
}

#[test]
fn place_of_the_speaker_is_not_the_place_of_the_event() {
    let a =
        annotate("The minister, speaking in Berlin, said a drone attack hit the port of Odesa.");
    assert_eq!(
        place_of(&a, main_of(&a)),
        Some(("Odesa".to_string(), Some("UA".to_string())))
    );
}

#[test]
fn a_dateline_places_the_event_when_the_sentence_names_no_other_place() {
    let a = annotate(
        "KHARKIV, March 11 — Russian missiles struck the city overnight, killing two people.",
    );
    let m = main_of(&a);
    assert_eq!(
        place_of(&a, m),
        Some(("KHARKIV".to_string(), Some("UA".to_string())))
    );
    assert_eq!(day_of(&a, m).as_deref(), Some("2024-03-11"));
    assert_eq!(counts_of(&a, m), vec![(2.0, "killed".to_string())]);
    assert_eq!(weapons_of(&a, m), vec!["missiles".to_string()]);
}

#[test]
fn actors_attacker_and_target() {
    use ActorRole::*;
    let a = annotate(
        "Fighters of the Crimson Brigade launched an attack on Kenyan troops near the border.",
    );
    assert_eq!(
        actors_of(&a, main_of(&a)),
        vec![
            ("Crimson Brigade".to_string(), Attacker),
            ("Kenyan".to_string(), Target)
        ]
    );
    // Passive: the subject is the target, "by X" the attacker.
    let a = annotate("A police convoy was attacked by the Crimson Brigade on Friday.");
    assert_eq!(
        actors_of(&a, main_of(&a)),
        vec![
            ("police".to_string(), Target),
            ("Crimson Brigade".to_string(), Attacker)
        ]
    );
    // "X's positions" are a target.
    let a = annotate(
        "Artillery of the Crimson Brigade shelled the Northern Shield Movement's positions near the village overnight.",
    );
    assert_eq!(
        actors_of(&a, main_of(&a)),
        vec![
            ("Crimson Brigade".to_string(), Attacker),
            ("Northern Shield Movement".to_string(), Target)
        ]
    );
    // "between X and Y": two sides.
    let a = annotate(
        "Clashes broke out between the Crimson Brigade and the Northern Shield Movement near Goma on Saturday.",
    );
    assert_eq!(
        actors_of(&a, main_of(&a)),
        vec![
            ("Crimson Brigade".to_string(), Attacker),
            ("Northern Shield Movement".to_string(), Target)
        ]
    );
}

#[test]
fn a_person_before_a_participle_or_a_passive_inside_the_trigger_is_the_target() {
    use ActorRole::*;
    let roles = |text: &str| {
        let a = annotate(text);
        actors_of(&a, main_of(&a))
            .into_iter()
            .map(|(_, r)| r)
            .collect::<Vec<_>>()
    };
    // A reduced passive: the participle after the person, a preposition or a day after it.
    assert_eq!(
        roles("A seven-year-old girl shot in the parking lot of a store remains in hospital."),
        vec![Target]
    );
    assert_eq!(
        roles("A girl found shot dead inside a flat on Tuesday has been named by police."),
        vec![Target, Associated]
    );
    // The auxiliary opens the trigger: "who was shot".
    assert_eq!(
        roles("The girl who was shot outside a shop on Tuesday has died."),
        vec![Target]
    );
    // Active past tense with an object stays active: the subject is the attacker.
    assert_eq!(
        roles("A woman shot her neighbour during an argument on Tuesday."),
        vec![Attacker]
    );
    // An "-ing" noun after an article is no verb: the subject of another verb is no side.
    assert!(roles(
        "Her sister is in hospital after an accidental shooting in the kitchen on Tuesday."
    )
    .is_empty());
    // "the victims of the shooting".
    assert_eq!(
        roles("The victims of Tuesday's shooting at the market were named."),
        vec![Target]
    );
}

#[test]
fn nationality_adjectives_are_actors_speakers_are_not() {
    use ActorRole::*;
    let a = annotate("Governor Oleh Petrenko said Russian forces shelled the town of Kupiansk.");
    let m = main_of(&a);
    assert_eq!(actors_of(&a, m), vec![("Russian".to_string(), Attacker)]);
    assert_eq!(
        place_of(&a, m),
        Some(("Kupiansk".to_string(), Some("UA".to_string())))
    );
    // "Ukrainian drones" attack; the "Russian air base" is not an actor by its adjective.
    let a = annotate(
        "Ukrainian drones attacked a Russian air base in Crimea on Sunday, destroying two aircraft.",
    );
    let m = main_of(&a);
    assert_eq!(actors_of(&a, m), vec![("Ukrainian".to_string(), Attacker)]);
    assert_eq!(weapons_of(&a, m), vec!["drones".to_string()]);
    assert_eq!(counts_of(&a, m), vec![(2.0, "destroyed".to_string())]);
    assert_eq!(day_of(&a, m).as_deref(), Some("2024-03-10"));
}

#[test]
fn a_claim_of_responsibility_names_the_attacker() {
    let a = annotate(
        "A drone strike hit the village. The Crimson Brigade claimed responsibility for the attack in a statement.",
    );
    let ms = a.event_mentions.as_ref().unwrap();
    let attack = ms.iter().find(|e| e.trigger == "attack").unwrap();
    assert_eq!(
        actors_of(&a, attack),
        vec![("Crimson Brigade".to_string(), ActorRole::Attacker)]
    );
}

#[test]
fn weapons_of_the_sentence() {
    let a = annotate("Two helicopters fired rockets at a fuel depot near the city.");
    assert_eq!(
        weapons_of(&a, main_of(&a)),
        vec!["helicopters".to_string(), "rockets".to_string()]
    );
    // The main event borrows the weapons of the sentence next to it, not of a separate event.
    let a = annotate(
        "The airstrike on a market in the town of Ma'arrat al-Numan killed nine civilians on Thursday, rescuers said. Separately, a roadside bomb wounded two soldiers near Idlib.",
    );
    let m = main_of(&a);
    assert!(weapons_of(&a, m).is_empty(), "{:?}", weapons_of(&a, m));
    assert_eq!(counts_of(&a, m), vec![(9.0, "killed".to_string())]);
    assert_eq!(day_of(&a, m).as_deref(), Some("2024-03-07"));
    let (place, country) = place_of(&a, m).unwrap();
    assert!(place.starts_with("Ma'arrat"), "{place}");
    assert_eq!(country.as_deref(), Some("SY"));
    let bomb = a
        .event_mentions
        .as_ref()
        .unwrap()
        .iter()
        .find(|e| e.trigger == "roadside bomb")
        .unwrap();
    assert_eq!(counts_of(&a, bomb), vec![(2.0, "injured".to_string())]);
}

#[test]
fn killed_injured_and_zero_counts() {
    let a = annotate("The strike killed four civilians and wounded twelve others, officials said.");
    assert_eq!(
        counts_of(&a, main_of(&a)),
        vec![(4.0, "killed".to_string()), (12.0, "injured".to_string())]
    );
    let a = annotate("No one was injured in the attack on the depot.");
    assert_eq!(
        counts_of(&a, main_of(&a)),
        vec![(0.0, "injured".to_string())]
    );
}

#[test]
fn claims_cover_the_events_they_report() {
    let a = annotate("Police said gunmen attacked a bus carrying workers.");
    let claims = a.claims.as_ref().unwrap();
    assert_eq!(claims.len(), 1);
    assert!(claims[0].covers.contains(&Cover::Event(0)), "{claims:?}");
    // Running the stage again does not add a cover twice.
    let mut b = a.clone();
    stages().1.annotate(&mut b).unwrap();
    let n = b.claims.as_ref().unwrap()[0]
        .covers
        .iter()
        .filter(|c| **c == Cover::Event(0))
        .count();
    assert_eq!(n, 1);
}

#[test]
fn no_event_no_slots_and_offsets_in_characters() {
    let a = annotate("The weather was mild and the markets were calm.");
    assert!(a.event_mentions.as_ref().unwrap().is_empty());
    // Odd text: no panic, valid indices (checked by `annotate`).
    for t in [
        "😀 — attack 😀",
        "\n\nattack",
        "attack",
        "Attack on . by ; against",
    ] {
        annotate(t);
    }
    // Non-ASCII text before the event: slots still point at the right mentions.
    let a = annotate("«Eilmeldung» — Ukrainian drones attacked a refinery in Kherson on Sunday.");
    let m = main_of(&a);
    assert_eq!(
        actors_of(&a, m),
        vec![("Ukrainian".to_string(), ActorRole::Attacker)]
    );
    assert_eq!(place_of(&a, m).unwrap().0, "Kherson");
    assert_eq!(day_of(&a, m).as_deref(), Some("2024-03-10"));
}

/// "Drones struck X" is an event; a capital as the subject of a verb ("Moscow has repeatedly
/// attacked …") is the government it stands for, not where it happened, and a habitual
/// "repeatedly" is background, never the main event.
#[test]
fn weapons_that_struck_and_capitals_that_act() {
    let a = annotate(
        "Drones struck a grain terminal in Izmail overnight on Monday, officials said. \
         Moscow has repeatedly attacked Danube ports this year.",
    );
    let m = main_of(&a);
    assert_eq!(m.trigger, "Drones struck");
    assert_eq!(
        m.sub_event_type,
        sitrep_core::event::SubEventType::AirDroneStrike
    );
    assert_eq!(place_of(&a, m).unwrap().0, "Izmail");
    let habitual = a
        .event_mentions
        .as_ref()
        .unwrap()
        .iter()
        .find(|e| e.trigger == "attacked")
        .unwrap();
    assert!(habitual.background);
    assert_ne!(
        place_of(&a, habitual).map(|p| p.0).as_deref(),
        Some("Moscow")
    );
}

#[test]
fn a_month_abbreviation_does_not_end_the_sentence() {
    // The understand stage's sentences: "Mar." before a day does not end one, so the date
    // stays in the sentence of the attack it dates.
    let a = annotate(
        "Rebels shelled the market on Tuesday. Late on Mar. 8, gunmen attacked a police post near the border.",
    );
    let second = &a.event_mentions.as_ref().unwrap()[1];
    assert_eq!(second.trigger, "gunmen attacked");
    assert_eq!(day_of(&a, second).as_deref(), Some("2024-03-08"));
}

#[test]
fn a_county_is_narrowed_to_a_town_of_the_opening_inside_it() {
    // Waco lies in McLennan County, Texas; Lubbock (Texas, 300 km away) does not.
    let a = annotate(
        "Police in Waco are looking for a driver. A man was shot dead outside a store in McLennan County on Saturday night.",
    );
    let m = main_of(&a);
    assert_eq!(
        place_of(&a, m),
        Some(("Waco".to_string(), Some("US".to_string())))
    );
    let a = annotate(
        "Police in Lubbock are looking for a driver. A man was shot dead outside a store in McLennan County on Saturday night.",
    );
    let m = main_of(&a);
    assert_eq!(
        place_of(&a, m),
        Some(("McLennan County".to_string(), Some("US".to_string())))
    );
}

#[test]
fn relative_locations_keep_the_named_place_and_say_how_far() {
    // A distance and a bearing.
    let a = annotate("Gunmen killed three soldiers 40 km north of Kharkiv on Monday.");
    let e = main_of(&a);
    assert_eq!(place_of(&a, e).unwrap().0, "Kharkiv");
    let r = e.place_relation.expect("a relation");
    assert_eq!((r.km, r.bearing), (Some(40.0), Some(0.0)));
    assert_eq!(&a.text[r.start..r.end], "40 km north of ");
    // Miles, a hedge and a compound bearing.
    let a = annotate("Militants ambushed a convoy about 25 miles southwest of Peshawar on Friday.");
    let r = main_of(&a).place_relation.unwrap();
    assert!((r.km.unwrap() - 40.234).abs() < 0.01 && r.bearing == Some(225.0));
    assert!(a.text[r.start..].starts_with("about 25 miles"));
    // Near, with no distance: a port named only by a close spelling, off its coast.
    let a = annotate("A drone hit a cargo ship off the coast of Hodeidah on Tuesday.");
    let m = main_of(&a);
    assert_eq!(place_of(&a, m).unwrap().1.as_deref(), Some("YE"));
    let r = m.place_relation.unwrap();
    assert_eq!((r.km, r.bearing), (None, None));
    assert!(a.text[r.start..].starts_with("off the coast of"));
    // A town placed by a landmark: the town is the place, the landmark is not.
    let a = annotate(
        "A man was shot dead on Saturday in Boonsboro, about 10 miles south of Hagerstown, \
         police said.",
    );
    let m = main_of(&a);
    assert_eq!(place_of(&a, m).unwrap().0, "Boonsboro");
    assert!(m.place_relation.is_none());
}

#[test]
fn a_victims_home_town_is_not_the_place_of_the_event() {
    for text in [
        "Police said Daniel Ortiz, 27, of Plano, was shot dead on Sunday outside a bar in Tulsa.",
        "A resident of Plano was shot dead on Sunday outside a bar in Tulsa, police said.",
        "A Plano man was shot dead on Sunday outside a bar in Tulsa, police said.",
    ] {
        let a = annotate(text);
        assert_eq!(
            place_of(&a, main_of(&a)).map(|p| p.0),
            Some("Tulsa".to_string()),
            "{text}"
        );
    }
}

#[test]
fn a_home_town_is_the_place_when_the_text_names_no_other() {
    let a = annotate("A Plano man was shot dead on Sunday, police said.");
    assert_eq!(
        place_of(&a, main_of(&a)).map(|p| p.0),
        Some("Plano".to_string())
    );
}

#[test]
fn the_town_of_the_hospital_the_wounded_were_taken_to_is_not_the_place_of_the_event() {
    let a = annotate(
        "Two men were shot on Friday night. Both were taken to Mercy Hospital in Plano. \
         The shooting happened outside a bar in Tulsa, police said.",
    );
    assert_eq!(
        place_of(&a, main_of(&a)).map(|p| p.0),
        Some("Tulsa".to_string())
    );
    // Where the care itself came under attack, the town is the place.
    let a = annotate("A drone struck a hospital in Kherson on Friday, killing two nurses.");
    assert_eq!(
        place_of(&a, main_of(&a)).map(|p| p.0),
        Some("Kherson".to_string())
    );
}

#[test]
fn a_medical_center_reached_by_helicopter_is_a_place_of_care() {
    let a = annotate(
        "TULSA, Okla. — A boy in eastern Oklahoma was hurt after being shot at a farm. \
         He was taken by helicopter to Saint Francis Medical Center in Muskogee after the \
         shooting.",
    );
    assert_eq!(
        place_of(&a, main_of(&a)).map(|p| p.0),
        Some("TULSA".to_string())
    );
}

#[test]
fn a_town_of_the_body_that_an_event_sentence_names_comes_before_the_dateline() {
    // The dateline is often the outlet's town; the sentence that tells where the shooting
    // happened is the event's place. A town named with no event ("back home in X") is not.
    let a = annotate(
        "TULSA, Okla. — A sheriff in eastern Oklahoma says a man shot and wounded his brother. \
         The sheriff says the shooting happened at a farm near Muskogee on Sunday.",
    );
    assert_eq!(
        place_of(&a, main_of(&a)).map(|p| p.0),
        Some("Muskogee".to_string())
    );
    let a = annotate(
        "TULSA, Okla. — A sheriff in eastern Oklahoma says a man shot and wounded his brother. \
         The brother is now back home in Muskogee.",
    );
    assert_eq!(
        place_of(&a, main_of(&a)).map(|p| p.0),
        Some("TULSA".to_string())
    );
}

#[test]
fn an_arrest_after_a_shooting_of_the_same_sentence_leaves_the_shooting_the_main_event() {
    let a = annotate(
        "A 17-year-old was arrested after he accidentally shot and wounded a girl on Monday \
         night in Plano, police said.",
    );
    let m = main_of(&a);
    assert_eq!(m.trigger, "accidentally shot");
    assert_eq!(day_of(&a, m).as_deref(), Some("2024-03-11"));
    // An old shooting stays background: the arrest is the news.
    let a = annotate("Police arrested a man on Monday after the 2019 shooting of a girl in Plano.");
    assert_eq!(main_of(&a).trigger, "arrested");
}

#[test]
fn another_sets_an_event_apart_only_right_before_its_trigger() {
    // "another" of a person: the opening still lends the main event its town.
    let a = annotate(
        "Officers in Waco spoke to one neighbour and then another late on Friday. A teenager \
         was shot dead at a house party, police said.",
    );
    assert_eq!(
        place_of(&a, main_of(&a)).map(|p| p.0),
        Some("Waco".to_string())
    );
    // "another shooting": a separate event, whose town is not lent.
    let a = annotate(
        "A man was found dead with a gunshot wound on Friday night. \
         In another shooting late on Friday in Waco, a woman was hurt.",
    );
    assert_ne!(
        place_of(&a, main_of(&a)).map(|p| p.0),
        Some("Waco".to_string())
    );
}

#[test]
fn a_name_the_gazetteer_lacks_gives_way_to_the_town_the_article_keeps_naming() {
    // The opening names only a language; the town comes twice, later: the event lies near it.
    let a = annotate(
        "A four-year-old girl was shot dead on Monday after she found a loaded pistol on a bed, \
         relatives said. Her grandmother wept as she spoke in Tagalog outside the house. The \
         girl loved drawing. Neighbours left flowers at the door. Coral Springs police said the \
         girl's uncle was charged. Coral Springs officers were still at the home on Tuesday.",
    );
    let m = main_of(&a);
    assert_eq!(
        place_of(&a, m),
        Some(("Coral Springs".to_string(), Some("US".to_string())))
    );
    assert!(
        m.place_relation.is_some(),
        "near the town, not at it: {m:#?}"
    );
}
