//! An event in a neighbourhood the gazetteer knows as a section of a city is coded to the
//! city (as ACLED codes a city's quarters), keeping the neighbourhood's point and its name as
//! the evidence; so is an event on a street placed near a town; and an event's county comes
//! from the gazetteer.

use serde_json::Value;
use sitrep_pipeline::{discover, Options, Pipeline};

#[test]
fn an_event_in_a_known_neighbourhood_is_coded_to_its_city() {
    let events = events_of(
        "A drone struck the oil refinery in Kapotnya on Tuesday morning, injuring two \
         workers, the city's mayor said. Firefighters put out the blaze within hours.",
    );
    assert_eq!(events.len(), 1, "{events:#?}");
    let loc = &events[0]["location"];
    assert_eq!(loc["name"], "Moscow", "{loc}");
    assert_eq!(loc["country"], "RU", "{loc}");
    // The point is the neighbourhood's, south-east of the city's centre.
    let (lat, lon) = (loc["lat"].as_f64().unwrap(), loc["lon"].as_f64().unwrap());
    assert!(
        (lat - 55.64).abs() < 0.05 && (lon - 37.79).abs() < 0.05,
        "{loc}"
    );
    // The evidence quotes the neighbourhood as written.
    assert_eq!(location_quote(&events[0]), Some(Value::from("Kapotnya")));
}

/// The quote an event's location rests on.
fn location_quote(event: &Value) -> Option<Value> {
    event["evidence"]
        .as_array()?
        .iter()
        .find(|e| e["field"] == "location")
        .map(|e| e["quote"].clone())
}

/// The events of one article, run through the whole pipeline.
fn events_of(text: &str) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let article = serde_json::json!({"id": "a1", "published": "2025-05-20", "text": text});
    std::fs::write(&input, format!("{article}\n")).unwrap();
    let out = dir.path().join("out");
    Pipeline::new(Options::default())
        .unwrap()
        .run(discover(&[input]), &out, &|_| {})
        .unwrap();
    std::fs::read_to_string(out.join("events.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn an_events_county_is_filled_in_from_the_gazetteer() {
    let events = events_of(
        "Two people were shot on Saturday night outside a restaurant in Boone, North \
         Carolina, police said.",
    );
    assert_eq!(events.len(), 1, "{events:#?}");
    let loc = &events[0]["location"];
    assert_eq!(loc["name"], "Boone", "{loc}");
    assert_eq!(loc["admin1"], "North Carolina", "{loc}");
    assert_eq!(loc["admin2"], "Watauga County", "{loc}");
}

#[test]
fn an_event_on_a_street_is_coded_to_the_town_the_street_is_in() {
    let events = events_of("A Tulsa man was shot dead on Friday night on Elm Street, police said.");
    assert_eq!(events.len(), 1, "{events:#?}");
    let loc = &events[0]["location"];
    assert_eq!(loc["name"], "Tulsa", "{loc}");
    assert!(loc["kb_id"].is_string(), "{loc}");
    assert_eq!(loc["precision"], "near", "{loc}");
    assert_eq!(location_quote(&events[0]), Some(Value::from("Elm Street")));
}

#[test]
fn a_neighbourhood_the_gazetteer_lacks_is_coded_to_the_datelines_town() {
    // Not to the state, as a village the gazetteer lacks would be.
    let events = events_of(
        "AKRON, Ohio — A teenager was shot in the Maple Hollow neighborhood on Friday \
         evening, police said.",
    );
    assert_eq!(events.len(), 1, "{events:#?}");
    let loc = &events[0]["location"];
    assert_eq!(loc["name"], "Akron", "{loc}");
    assert_eq!(loc["kb_id"], "gn:5145476", "{loc}");
}

#[test]
fn the_dateline_places_the_main_event_when_its_sentence_recalls_another() {
    // The opening sentence is background ("arrested after … was shot"); the main event's own
    // sentence names only a street; a county sheriff speaks two sentences later.
    let events = events_of(
        "MOBILE, Ala. — A woman was arrested after her brother was fatally shot Sunday \
         evening in Mobile.\n\nThe shooting was reported at 9 p.m. in the 400 block of Birch \
         Lane.\n\nAccording to the Baldwin County Sheriff's Office, deputies found the man in \
         the yard.",
    );
    let shooting = events
        .iter()
        .find(|e| {
            e["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .any(|v| v["field"] == "type" && v["quote"] == "shooting")
        })
        .unwrap_or_else(|| panic!("{events:#?}"));
    assert_eq!(shooting["location"]["name"], "Mobile", "{shooting:#}");
    assert_eq!(shooting["location"]["admin1"], "Alabama", "{shooting:#}");
}

#[test]
fn a_dateline_the_gazetteer_lacks_is_put_at_the_articles_town() {
    // A neighbourhood heading the story, unknown to the gazetteer: the event is coded to the
    // town the article names, not to the county a coroner speaks for.
    let events = events_of(
        "HOLLOWBROOK (WKXT) — A teenager was fatally shot in Hollowbrook on Tuesday \
         afternoon. It happened in the 2700 block of Elm Street. The Knox County medical \
         examiner identified the victim. He was a student at a Knoxville high school.",
    );
    assert_eq!(events.len(), 1, "{events:#?}");
    let loc = &events[0]["location"];
    assert_eq!(loc["name"], "Knoxville", "{loc}");
    assert_eq!(loc["admin1"], "Tennessee", "{loc}");
}

#[test]
fn a_name_the_gazetteer_does_not_place_gives_way_to_a_town_of_the_opening() {
    let events = events_of(
        "Officers were called to a home in Knoxville late on Friday. A man was shot in the \
         chest in Hollowbrook, police said.",
    );
    let shot = events
        .iter()
        .find(|e| e["location"]["name"] == "Knoxville")
        .unwrap_or_else(|| panic!("{events:#?}"));
    assert_eq!(shot["location"]["admin1"], "Tennessee", "{shot:#}");
}

#[test]
fn an_event_no_sentence_places_is_near_the_town_the_article_keeps_naming() {
    let events = events_of(
        "Three people were shot in the Hollowbrook community on Saturday afternoon, \
         officials said.\n\nOne of them died on Sunday morning.\n\nNo arrest has been made.\n\n\
         Witnesses have not come forward.\n\nThe victims were named as \
         Jo Raines, 22, of Knoxville, Lee Banner, 24, of Knoxville, and Sam Ortiz, 30, of \
         Knoxville.",
    );
    let main = events
        .iter()
        .find(|e| e["location"]["name"] == "Knoxville")
        .unwrap_or_else(|| panic!("{events:#?}"));
    // Near the town, not at it: no sentence says the shooting was in Knoxville.
    assert_eq!(main["location"]["precision"], "near", "{main:#}");
}

#[test]
fn a_county_narrows_to_the_town_the_article_keeps_naming_inside_it() {
    let text = "A 15-year-old Dyersville girl was killed when a rifle went off during a deer \
                hunt on Saturday.\n\nThe accident shook a Dubuque County community, deputies \
                said.\n\nThe girl was hit by a single shot fired by a member of her party.\n\n\
                No one else was hurt.\n\nThe family asked for privacy.\n\n\
                Dyersville classmates held a vigil on Sunday evening.";
    let events = events_of(text);
    let main = events
        .iter()
        .find(|e| e["location"]["name"] == "Dyersville")
        .unwrap_or_else(|| panic!("{events:#?}"));
    assert_eq!(main["location"]["admin1"], "Iowa", "{main:#}");
    // Named once, the town of a resident does not narrow the county.
    let once = events_of(
        "A 15-year-old Dyersville girl was killed when a rifle went off during a deer hunt on \
         Saturday.\n\nThe accident shook a Dubuque County community, deputies said.",
    );
    assert!(
        once.iter()
            .any(|e| e["location"]["name"] == "Dubuque County"),
        "{once:#?}"
    );
}
