//! Mentions on sentences written for these tests: titles, demonyms, weapons, facilities,
//! coreference and the honest fallback for a village the gazetteer lacks.

use sitrep_core::{Annotator, Article, GeoPrecision, Mention, MentionKind, Published};
use sitrep_understand::Understand;

fn mentions(text: &str) -> Vec<Mention> {
    annotated(Article {
        text: text.into(),
        ..Article::default()
    })
}

/// Mentions of `text` from an article at web address `url`.
fn mentions_at(text: &str, url: &str) -> Vec<Mention> {
    annotated(Article {
        text: text.into(),
        url: Some(url.into()),
        ..Article::default()
    })
}

fn annotated(mut a: Article) -> Vec<Mention> {
    a.published = Published::parse("2024-03-12");
    Understand::default().annotate(&mut a).unwrap();
    a.mentions.unwrap()
}

fn get<'a>(ms: &'a [Mention], text: &str) -> &'a Mention {
    ms.iter()
        .find(|m| m.text == text)
        .unwrap_or_else(|| panic!("{text:?} not in {ms:#?}"))
}

/// The first-level division a mention is placed in.
fn admin1(m: &Mention) -> Option<&str> {
    m.geo.as_ref().and_then(|g| g.admin1.as_deref())
}

#[test]
fn titles_split_and_surnames_refer_back() {
    let ms = mentions(
        "Ukrainian Foreign Minister Olena Marchuk met Polish officials in Warsaw on Monday. \
         Marchuk said the talks would continue.",
    );
    let p = get(&ms, "Olena Marchuk");
    assert_eq!(p.kind, MentionKind::Person);
    assert_eq!(p.role.as_deref(), Some("Foreign Minister"));
    assert_eq!(get(&ms, "Ukrainian").kind, MentionKind::Nationality);
    assert_eq!(get(&ms, "Polish").kind, MentionKind::Nationality);
    let again = get(&ms, "Marchuk");
    assert_eq!(again.kind, MentionKind::Person);
    assert_eq!(again.canonical.as_deref(), Some("Olena Marchuk"));
    let w = get(&ms, "Warsaw");
    assert_eq!(w.geo.as_ref().unwrap().country.as_deref(), Some("PL"));
    assert_eq!(w.geo.as_ref().unwrap().precision, GeoPrecision::Exact);
}

#[test]
fn weapons_facilities_and_groups() {
    let ms = mentions(
        "Two Su-25 jets and several drones struck an ammunition depot near the border post, \
         the Eastern Shield Brigade said.",
    );
    assert_eq!(get(&ms, "Su-25 jets").kind, MentionKind::Weapon);
    assert_eq!(get(&ms, "drones").kind, MentionKind::Weapon);
    assert_eq!(get(&ms, "ammunition depot").kind, MentionKind::Facility);
    assert_eq!(get(&ms, "border post").kind, MentionKind::Facility);
    assert_eq!(
        get(&ms, "Eastern Shield Brigade").kind,
        MentionKind::ArmedGroup
    );
}

#[test]
fn an_unknown_village_falls_back_to_its_region() {
    let ms = mentions(
        "Shelling hit Kharkiv on Sunday. Residents of the village of Zzyzxivka nearby fled.",
    );
    let v = get(&ms, "Zzyzxivka");
    assert_eq!(v.kind, MentionKind::Place);
    assert_eq!(v.kb_id, None, "never forced onto an entry");
    let g = v.geo.as_ref().expect("placed at its region");
    assert_eq!(g.precision, GeoPrecision::Admin1);
    assert_eq!(g.country.as_deref(), Some("UA"));
}

#[test]
fn unknown_single_words_are_not_forced() {
    let ms = mentions("The statement was posted on Qwzlent late on Friday.");
    assert!(
        ms.iter().all(|m| m.kb_id.is_none() || m.text != "Qwzlent"),
        "{ms:#?}"
    );
}

/// Look-alikes that must not become places, weapons or groups: a given name, a state
/// abbreviation (which is the state, not a town abroad), an interstate, a month abbreviation, an acronym that is a group's alias in
/// another case.
#[test]
fn look_alikes_stay_what_they_are() {
    let ms = mentions(
        "The man lived on Shady Elm Lane in Tampa, Fla. with his brother Michael. He drove \
         east on I-84 on Nov. 3 and was stopped by a police cruiser.",
    );
    let lane = get(&ms, "Shady Elm Lane");
    assert_eq!(lane.kind, MentionKind::Place);
    assert!(
        ms.iter()
            .all(|m| m.text != "Michael" || m.kind != MentionKind::Place),
        "{ms:#?}"
    );
    // A state abbreviation is the state, never a same-spelt town abroad.
    assert!(
        ms.iter().all(|m| !m.text.starts_with("Fla")
            || m.geo
                .as_ref()
                .is_some_and(|g| g.country.as_deref() == Some("US")
                    && g.admin1.as_deref() == Some("Florida"))),
        "{ms:#?}"
    );
    let tampa = get(&ms, "Tampa");
    assert_eq!(
        tampa.geo.as_ref().unwrap().admin1.as_deref(),
        Some("Florida")
    );
    assert!(ms.iter().all(|m| !m.text.starts_with("I-84")), "{ms:#?}");
    assert!(ms.iter().all(|m| !m.text.starts_with("Nov")), "{ms:#?}");
    assert!(ms.iter().all(|m| m.kind != MentionKind::Weapon), "{ms:#?}");
    assert_eq!(
        get(&ms, "Tampa").geo.as_ref().unwrap().country.as_deref(),
        Some("US")
    );
}

/// "the region of X" names the first-level division, even where a town has its name.
#[test]
fn the_region_of_a_city_is_the_region() {
    let ms = mentions("Gunmen attacked villages in the Ukrainian region of Kharkiv on Tuesday.");
    let g = get(&ms, "Kharkiv").geo.as_ref().unwrap();
    assert_eq!(g.precision, GeoPrecision::Admin1, "{ms:#?}");
    assert_eq!(g.country.as_deref(), Some("UA"));
    let ms = mentions("Shelling hit the city, Kharkiv Governor Ivan Bondar said on Tuesday.");
    let g = get(&ms, "Kharkiv").geo.as_ref().unwrap();
    assert_eq!(g.precision, GeoPrecision::Admin1, "{ms:#?}");
    let ms = mentions("Gunmen attacked a checkpoint in Kharkiv on Tuesday.");
    let g = get(&ms, "Kharkiv").geo.as_ref().unwrap();
    assert_eq!(g.precision, GeoPrecision::Exact, "{ms:#?}");
}

#[test]
fn demonyms_are_placed_at_their_country() {
    let ms = mentions("Kenyan police said two men were arrested in Mombasa on Monday.");
    let m = get(&ms, "Kenyan");
    assert_eq!(m.kind, MentionKind::Nationality);
    let g = m.geo.as_ref().unwrap_or_else(|| panic!("{m:#?}"));
    assert_eq!(
        (g.country.as_deref(), g.precision),
        (Some("KE"), GeoPrecision::Country)
    );
}

#[test]
fn places_inside_organisation_names() {
    let ms = mentions(
        "A report by the Minnesota Department of Health was released on Monday. A spokesman \
         for the University of Nebraska said the Denver-based company had not replied.",
    );
    for (name, country) in [("Minnesota", "US"), ("Nebraska", "US"), ("Denver", "US")] {
        let m = ms
            .iter()
            .find(|m| m.text == name && m.kind == MentionKind::Place)
            .unwrap_or_else(|| panic!("no place {name:?} in {ms:#?}"));
        assert_eq!(m.geo.as_ref().unwrap().country.as_deref(), Some(country));
        // Nested in the organisation's own mention, which stays ("Denver-based" is no
        // organisation: the place is the whole mention there).
        assert_eq!(
            ms.iter()
                .any(|o| o.kind != MentionKind::Place && o.start <= m.start && o.end >= m.end),
            name != "Denver",
            "{name}: {ms:#?}"
        );
    }
    // Mentions stay sorted by start.
    assert!(ms.windows(2).all(|w| w[0].start <= w[1].start));
    // A dictionary word at the head of a name is not a town of that name.
    let ms = mentions("Fighters of the Liberty of Sudan Front said on Monday they had left.");
    assert!(
        !ms.iter()
            .any(|m| m.kind == MentionKind::Place && m.text == "Liberty"),
        "{ms:#?}"
    );
}

#[test]
fn a_state_named_like_a_country_follows_the_article() {
    let ms = mentions(
        "Police in Atlanta said the suspect was arrested in Savannah. Georgia officials said \
         the state would review the case, and Macon police agreed.",
    );
    let g = get(&ms, "Georgia").geo.as_ref().unwrap();
    assert_eq!(
        (g.country.as_deref(), g.precision),
        (Some("US"), GeoPrecision::Admin1),
        "{ms:#?}"
    );
    let ms = mentions("Georgia and Armenia signed a trade agreement in Tbilisi on Monday.");
    let g = get(&ms, "Georgia").geo.as_ref().unwrap();
    assert_eq!(g.country.as_deref(), Some("GE"), "{ms:#?}");
}

#[test]
fn counties_are_second_level_divisions() {
    let ms = mentions("Deputies in Fulton County, Georgia, arrested two men on Monday.");
    let g = get(&ms, "Fulton County").geo.as_ref().unwrap();
    assert_eq!(
        (g.country.as_deref(), g.admin1.as_deref(), g.precision),
        (Some("US"), Some("Georgia"), GeoPrecision::Admin2),
        "{ms:#?}"
    );
}

#[test]
fn continents_are_regions() {
    let ms = mentions("Cases rose across Africa and Europe last week, officials in Geneva said.");
    for name in ["Africa", "Europe"] {
        let g = get(&ms, name).geo.as_ref().unwrap();
        assert_eq!(
            (g.precision, g.country.as_deref()),
            (GeoPrecision::Region, None),
            "{ms:#?}"
        );
    }
}

#[test]
fn a_name_is_one_place_throughout_decided_by_the_rest_of_the_article() {
    let ms = mentions(
        "A Richmond man was charged after a crash on the interstate in Kentucky early Sunday, \
         Richmond police said. The Richmond driver was taken to a hospital in Lexington.",
    );
    let richmonds: Vec<&Mention> = ms.iter().filter(|m| m.text == "Richmond").collect();
    assert_eq!(richmonds.len(), 3, "{ms:#?}");
    for m in richmonds {
        let g = m.geo.as_ref().unwrap();
        assert_eq!(
            (g.country.as_deref(), g.admin1.as_deref()),
            (Some("US"), Some("Kentucky")),
            "{ms:#?}"
        );
    }
}

#[test]
fn a_sentence_initial_preposition_is_not_part_of_a_place() {
    let ms = mentions("In China, the ministry said it was watching the talks.");
    let c = get(&ms, "China");
    assert_eq!(c.geo.as_ref().unwrap().country.as_deref(), Some("CN"));
    assert!(!ms.iter().any(|m| m.text.starts_with("In ")), "{ms:#?}");
}

#[test]
fn a_part_of_a_region_by_a_direction_word_is_the_region() {
    let ms = mentions(
        "Two Northeast Georgia counties near Atlanta grew fastest, and the University of \
         Georgia said the trend would last.",
    );
    let georgias: Vec<&Mention> = ms
        .iter()
        .filter(|m| m.kind == MentionKind::Place && m.text == "Georgia")
        .collect();
    assert_eq!(georgias.len(), 2, "{ms:#?}");
    for m in georgias {
        let g = m.geo.as_ref().unwrap();
        assert_eq!(
            (g.country.as_deref(), g.precision),
            (Some("US"), GeoPrecision::Admin1),
            "{ms:#?}"
        );
    }
    // A direction word alone is no place.
    assert!(
        !ms.iter().any(|m| m.text == "Northeast" && m.geo.is_some()),
        "{ms:#?}"
    );
}

#[test]
fn places_named_with_and_are_one_place() {
    let ms = mentions(
        "Flooding closed roads across Bosnia and Herzegovina on Sunday, and a storm reached \
         Trinidad and Tobago the next day.",
    );
    for (name, iso) in [
        ("Bosnia and Herzegovina", "BA"),
        ("Trinidad and Tobago", "TT"),
    ] {
        let m = get(&ms, name);
        assert_eq!(m.kind, MentionKind::Place);
        let g = m.geo.as_ref().unwrap();
        assert_eq!(
            (g.country.as_deref(), g.precision),
            (Some(iso), GeoPrecision::Country)
        );
    }
    // "X and Y" that is no single place stays two.
    let ms = mentions("Talks were held in Warsaw and Kraków on Monday.");
    assert_eq!(get(&ms, "Warsaw").kind, MentionKind::Place);
    assert_eq!(get(&ms, "Kraków").kind, MentionKind::Place);
}

#[test]
fn a_street_is_placed_near_the_town_beside_it() {
    let ms = mentions(
        "Firefighters in Winnipeg were called to a house on Linden Street late on Friday. \
         Police later closed Birchwood Avenue as well.",
    );
    let town = get(&ms, "Winnipeg").geo.clone().unwrap();
    assert_eq!(town.country.as_deref(), Some("CA"));
    for street in ["Linden Street", "Birchwood Avenue"] {
        let m = get(&ms, street);
        assert_eq!(m.kind, MentionKind::Place);
        assert!(m.kb_id.is_none(), "{street} is not the town itself");
        let g = m.geo.as_ref().unwrap();
        assert_eq!(g.precision, GeoPrecision::Near);
        assert_eq!((g.lat, g.lon), (town.lat, town.lon));
    }
    // A region by its head word is not put at a town.
    let ms = mentions("Ships sailed from Halifax into the Kestrel Gulf on Monday.");
    assert!(ms
        .iter()
        .filter(|m| m.text.contains("Kestrel"))
        .all(|m| m.geo.is_none()));
}

#[test]
fn a_capitalised_region_word_makes_the_name_a_region() {
    let ms = mentions("Troops were moved to Kherson Oblast and to Oaxaca State last week.");
    for (name, iso) in [("Kherson Oblast", "UA"), ("Oaxaca State", "MX")] {
        let g = get(&ms, name).geo.clone().unwrap();
        assert_eq!(
            (g.country.as_deref(), g.precision),
            (Some(iso), GeoPrecision::Admin1)
        );
    }
}

#[test]
fn a_county_named_beside_a_town_picks_the_namesake_inside_it() {
    // Springfield, Missouri is the larger namesake; Sangamon County holds Springfield, Illinois.
    let ms = mentions(
        "A barn burned on Tuesday in Sangamon County. Firefighters from Springfield put out \
         the blaze, and crews from Missouri sent a tanker.",
    );
    let g = get(&ms, "Springfield").geo.clone().unwrap();
    assert_eq!(g.admin1.as_deref(), Some("Illinois"));
}

#[test]
fn an_armed_group_by_its_own_name_beats_a_town_known_by_that_name_only_as_an_alias() {
    let ms = mentions(
        "Hamas fired rockets at towns in the south on Tuesday, and Hezbollah said it had \
         shelled an army post.",
    );
    assert_eq!(get(&ms, "Hamas").kind, MentionKind::ArmedGroup);
    assert!(get(&ms, "Hamas").geo.is_none());
    assert_eq!(get(&ms, "Hezbollah").kind, MentionKind::ArmedGroup);
}

#[test]
fn places_inside_hyphenated_words() {
    let ms = mentions(
        "The Lagos-based group said Saudi-led forces and Egyptian-Sudanese patrols met near \
         the border, Rep. Ann Cole, D-Nevada, said. Officials in Guinea-Bissau and \
         Ivano-Frankivsk agreed.",
    );
    let kinds = |t: &str| {
        ms.iter()
            .filter(|m| m.text == t)
            .map(|m| m.kind)
            .collect::<Vec<_>>()
    };
    assert_eq!(kinds("Lagos"), [MentionKind::Place], "{ms:#?}");
    assert_eq!(
        get(&ms, "Lagos").geo.as_ref().unwrap().country.as_deref(),
        Some("NG")
    );
    assert_eq!(kinds("Saudi"), [MentionKind::Nationality]);
    assert_eq!(kinds("Egyptian"), [MentionKind::Nationality]);
    assert_eq!(kinds("Sudanese"), [MentionKind::Nationality]);
    assert_eq!(kinds("Nevada"), [MentionKind::Place]);
    // Names the gazetteer holds whole stay whole.
    assert_eq!(kinds("Guinea-Bissau"), [MentionKind::Place]);
    assert_eq!(kinds("Ivano-Frankivsk"), [MentionKind::Place]);
    assert!(kinds("Ivano").is_empty() && kinds("Guinea").is_empty());
}

#[test]
fn datelines_in_capitals_are_places_whatever_else_the_words_are() {
    // Dictionary words and a given name, each heading a paragraph of the opening.
    for (text, name, admin1) in [
        (
            "NORMAL, Ill. (AP) — Two students were hurt in a crash.",
            "NORMAL",
            "Illinois",
        ),
        (
            "MOBILE, Ala. — Police said one man was shot.",
            "MOBILE",
            "Alabama",
        ),
        (
            "EUGENE — A fire broke out downtown on Sunday.",
            "EUGENE",
            "Oregon",
        ),
    ] {
        let ms = mentions(text);
        let m = get(&ms, name);
        assert_eq!(m.kind, MentionKind::Place, "{text}");
        let g = m.geo.as_ref().unwrap();
        assert_eq!(
            (g.country.as_deref(), g.admin1.as_deref()),
            (Some("US"), Some(admin1))
        );
        assert_eq!(g.precision, GeoPrecision::Exact);
    }
    // A hamlet the gazetteer lacks, before a state it knows: that state, honestly.
    let ms = mentions("QUAIL HOLLOW RIDGE, Wis. — A barn burned on Friday.");
    let g = get(&ms, "QUAIL HOLLOW RIDGE").geo.clone().unwrap();
    assert_eq!(g.admin1.as_deref(), Some("Wisconsin"));
    assert_eq!(g.precision, GeoPrecision::Admin1);
    // Capitals that head a paragraph are no place by their position alone.
    let ms =
        mentions("UPDATE — Police said the road is open.\n\nWATCH (video) - the mayor speaks.");
    assert!(ms.iter().all(|m| m.kind != MentionKind::Place), "{ms:#?}");
    // Later in the article, and inside a sentence, a dictionary word stays one.
    let ms = mentions("Officials met on Monday. It was normal, the mayor said.");
    assert!(ms.iter().all(|m| m.kind != MentionKind::Place), "{ms:#?}");
}

#[test]
fn a_kind_of_place_before_of_names_the_place() {
    let ms = mentions(
        "A deputy on patrol in the City of Tempe found a man; the Maricopa County office said.",
    );
    let m = get(&ms, "City of Tempe");
    assert_eq!(m.kind, MentionKind::Place);
    let g = m.geo.as_ref().unwrap();
    assert_eq!(g.admin1.as_deref(), Some("Arizona"));
    assert_eq!(g.precision, GeoPrecision::Exact);
    // A name the gazetteer holds whole stays whole.
    let ms = mentions("Officials in the District of Columbia met on Monday.");
    let g = get(&ms, "District of Columbia").geo.clone().unwrap();
    assert_eq!(g.precision, GeoPrecision::Admin1);
}

#[test]
fn another_name_of_a_village_does_not_beat_a_city_of_that_name() {
    // Even beside towns of the state where the village lies.
    let ms = mentions(
        "Officials in Hagerstown and Boonsboro, Maryland, met on Monday. The mayor went on to \
         Jerusalem.",
    );
    let g = get(&ms, "Jerusalem").geo.clone().unwrap();
    assert_eq!(g.country.as_deref(), Some("IL"), "{ms:#?}");
}

#[test]
fn a_region_after_a_town_in_an_apposition_is_no_person() {
    let ms = mentions(
        "The mayor of Hagerstown, Maryland, flew home. The mayor of Lviv, Andriy Sadovyi, said.",
    );
    assert_eq!(get(&ms, "Maryland").kind, MentionKind::Place, "{ms:#?}");
    assert_eq!(get(&ms, "Andriy Sadovyi").kind, MentionKind::Person);
}

#[test]
fn a_given_name_opening_a_person_name_is_no_place_inside_it() {
    // "Mary" is also a Turkmen region; "Georgia" a US state.
    let ms = mentions("\"It is fine,\" said Mary Wheelock, a teacher. Georgia Lanham agreed.");
    assert!(ms.iter().all(|m| m.kind != MentionKind::Place), "{ms:#?}");
}

#[test]
fn a_place_chosen_among_namesakes_keeps_its_runner_up() {
    // (Not "Paris, Texas": a state after a comma leaves no other candidate.)
    let ms = mentions("The sheriff of Lamar County, Texas, said police in Paris found a man shot.");
    let m = get(&ms, "Paris");
    assert_eq!(m.geo.as_ref().unwrap().admin1.as_deref(), Some("Texas"));
    let r = m.runner_up.as_ref().expect("a runner-up");
    assert_ne!(Some(&r.kb_id), m.kb_id.as_ref());
    assert_eq!(r.name, "Paris");
    assert!(r.chosen_score >= r.score, "{r:?}");
    // A name with one candidate has none.
    assert!(get(&ms, "Texas").runner_up.is_none());
}

#[test]
fn a_region_after_a_comma_holds_the_place_before_it() {
    // Athens in Greece, not the larger-scored namesakes of a North American article; Ontario
    // the province, not its city; Washington the capital beside New Jersey towns.
    let ms = mentions(
        "Officials from Trenton and Newark flew to Athens, Greece, and then to London, Ontario. \
         A lobby group based in Washington, D.C. paid for the trip.",
    );
    let g = |t: &str| get(&ms, t).geo.clone().unwrap();
    assert_eq!(g("Athens").country.as_deref(), Some("GR"), "{ms:#?}");
    assert_eq!(g("London").country.as_deref(), Some("CA"), "{ms:#?}");
    assert_eq!(g("Ontario").precision, GeoPrecision::Admin1);
    assert_eq!(
        g("Washington").admin1.as_deref(),
        Some("District of Columbia")
    );
}

#[test]
fn a_town_the_gazetteer_lacks_is_placed_at_the_region_after_its_comma() {
    // A made-up hamlet: the state is all that is known, and the precision says so.
    let ms = mentions("She was born in Quillerbrook Hollow, Vermont, in 1931.");
    let m = get(&ms, "Quillerbrook Hollow");
    let g = m.geo.clone().expect("placed at its state");
    assert_eq!(g.precision, GeoPrecision::Admin1, "{ms:#?}");
    assert_eq!(g.admin1.as_deref(), Some("Vermont"));
    // "Dover, Kent": the English town in its county; but a list after the comma is no pair,
    // and each name keeps its own reading.
    let ms = mentions("Crews came from Dover, Kent on Friday.");
    assert_eq!(
        get(&ms, "Dover").geo.as_ref().unwrap().country.as_deref(),
        Some("GB")
    );
    assert_eq!(
        get(&ms, "Kent").geo.as_ref().unwrap().precision,
        GeoPrecision::Admin2
    );
    // In the list, the three names are read together: the towns in one region.
    let ms = mentions("Crews came from Dover, Kent and Milford on Friday.");
    let admin1 = |t: &str| get(&ms, t).geo.as_ref().and_then(|g| g.admin1.clone());
    assert_eq!(admin1("Dover"), admin1("Milford"), "{ms:#?}");
}

#[test]
fn names_listed_before_counties_are_counties() {
    let ms = mentions(
        "Rain fell on Lancaster, Saunders and Thurston counties in Nebraska, and on Hayes.",
    );
    for name in ["Lancaster", "Saunders", "Thurston"] {
        let g = get(&ms, name).geo.clone().unwrap();
        assert_eq!(g.precision, GeoPrecision::Admin2, "{name}: {ms:#?}");
        assert_eq!(g.admin1.as_deref(), Some("Nebraska"), "{name}");
    }
    // A name after the list is not in it.
    assert_ne!(
        get(&ms, "Hayes").geo.as_ref().map(|g| g.precision),
        Some(GeoPrecision::Admin2)
    );
}

#[test]
fn a_close_call_does_not_hold_up_a_namesake_near_it() {
    // "Washington" is a close call (the city or the state): its pick must not make "Moscow"
    // the small town of that name a few hours' drive from another Washington, in an article
    // that names Russia. Every mention keeps a confidence between 0 and 1, also where a
    // later mention follows the name's first sense against its own score.
    let ms = mentions(
        "Airlines will add flights to Russia after dropping the Washington-Moscow route \
         last year. Flights between Washington and Moscow's Sheremetyevo Airport begin in \
         May, and fares to Moscow fell.",
    );
    let moscows: Vec<&Mention> = ms.iter().filter(|m| m.text == "Moscow").collect();
    assert_eq!(moscows.len(), 3, "{ms:#?}");
    for m in moscows {
        assert_eq!(
            m.geo.as_ref().unwrap().country.as_deref(),
            Some("RU"),
            "{m:?}"
        );
    }
    for m in &ms {
        assert!((0.0..=1.0).contains(&m.confidence), "{m:?}");
    }
}

#[test]
fn namesakes_near_one_another_are_read_together() {
    // A town and a county with namesakes in several states: the pair that lies side by side
    // wins over the biggest of each name alone.
    let ms =
        mentions("Volunteers from Springfield and Clark County collected food for the shelter.");
    let state = |t: &str| get(&ms, t).geo.as_ref().unwrap().admin1.clone();
    assert_eq!(state("Springfield").as_deref(), Some("Ohio"), "{ms:#?}");
    assert_eq!(state("Clark County").as_deref(), Some("Ohio"), "{ms:#?}");
}

#[test]
fn names_in_a_list_of_regions_are_regions() {
    // Each of these states also names a small town, and the towns of several of them lie
    // close together in one state: in a list of states they are states.
    let ms = mentions(
        "Outbreaks were reported in Nevada, Kansas, Oregon, Illinois, Wyoming and Washington.",
    );
    for name in ["Kansas", "Oregon", "Washington", "Wyoming"] {
        let g = get(&ms, name).geo.as_ref().unwrap();
        assert_eq!(g.precision, GeoPrecision::Admin1, "{name}: {g:?}");
        assert_eq!(g.admin1.as_deref(), Some(name), "{name}: {g:?}");
    }
    // A town and its state are a pair, not a list of two regions (San José is also a
    // Costa Rican province).
    let ms = mentions("San Jose, California — Firefighters put out a warehouse fire overnight.");
    let g = get(&ms, "San Jose").geo.as_ref().unwrap();
    assert_eq!(
        (g.precision, g.admin1.as_deref()),
        (GeoPrecision::Exact, Some("California"))
    );
}

#[test]
fn two_towns_before_one_state_are_both_in_it() {
    let ms = mentions(
        "The chain has shops in Dayton and Kettering, Ohio, Franklin and Murfreesboro, \
         Tennessee, and Peoria, Illinois.",
    );
    let state = |t: &str| get(&ms, t).geo.as_ref().unwrap().admin1.clone();
    assert_eq!(state("Dayton").as_deref(), Some("Ohio"));
    assert_eq!(state("Franklin").as_deref(), Some("Tennessee"));
    assert_eq!(state("Murfreesboro").as_deref(), Some("Tennessee"));
    assert_eq!(state("Peoria").as_deref(), Some("Illinois"));
}

#[test]
fn a_country_name_is_the_town_when_the_article_lies_around_it() {
    let ms = mentions(
        "A Lebanon man was hurt on Friday in a crash near Palmyra. Annville firefighters and \
         Hershey police helped at the scene.",
    );
    let g = get(&ms, "Lebanon").geo.as_ref().unwrap();
    assert_eq!(
        (g.precision, g.country.as_deref(), g.admin1.as_deref()),
        (GeoPrecision::Exact, Some("US"), Some("Pennsylvania"))
    );
    // With nothing around it but foreign affairs, it stays the country.
    let ms = mentions(
        "Refugees returning from Lebanon crossed into Syria on Tuesday, Turkish officials said.",
    );
    let g = get(&ms, "Lebanon").geo.as_ref().unwrap();
    assert_eq!(
        (g.precision, g.country.as_deref()),
        (GeoPrecision::Country, Some("LB"))
    );
}

#[test]
fn city_or_town_after_a_name_keeps_the_town() {
    let ms = mentions(
        "Residents say the new road runs inside the Decatur city limits. Shelling in the \
         Kharkiv region went on.",
    );
    let m = get(&ms, "Decatur city");
    assert_eq!(
        m.geo.as_ref().unwrap().precision,
        GeoPrecision::Exact,
        "{m:?}"
    );
    assert_eq!(m.canonical.as_deref(), Some("Decatur"));
    let g = get(&ms, "Kharkiv region").geo.as_ref().unwrap();
    assert_eq!(g.precision, GeoPrecision::Admin1);
}

#[test]
fn another_name_of_a_mid_sized_town_does_not_beat_a_big_city_of_that_name() {
    // A town of some 20,000 people in this part of Ohio is also known by the capital's name:
    // next to its neighbours, the name still means the capital.
    let ms =
        mentions("Mayors from Dayton, Troy and Sidney said Washington had to send more money.");
    let g = get(&ms, "Washington").geo.as_ref().unwrap();
    assert_eq!(g.admin1.as_deref(), Some("District of Columbia"), "{g:?}");
}

#[test]
fn north_of_a_town_named_in_the_article_is_part_of_it() {
    // A town elsewhere is called "North Arlington": beside "Arlington", the words name the
    // north of this one and must not pull "Arlington" toward the other.
    let ms = mentions(
        "Arlington's council met on Monday. ARLINGTON — Residents of north Arlington and \
         members of the North Arlington Civic League asked for more parks.",
    );
    for m in ms
        .iter()
        .filter(|m| m.text.eq_ignore_ascii_case("Arlington"))
    {
        let g = m.geo.as_ref().unwrap();
        assert_eq!(g.admin1.as_deref(), Some("Texas"), "{m:?}");
    }
    // The biggest "Arlington" wins once nothing pulls elsewhere: the check above is about
    // the part, so make sure the part is not read as the other town.
    assert!(ms.iter().all(|m| m
        .geo
        .as_ref()
        .is_none_or(|g| g.admin1.as_deref() != Some("New Jersey"))));
}

#[test]
fn a_town_and_a_county_named_together_are_the_pair_that_lie_together() {
    // Many states have a Williamson County and a Franklin; one county holds a Franklin.
    let ms = mentions("Deputies from Franklin and Williamson County searched the woods.");
    let state = |t: &str| get(&ms, t).geo.as_ref().unwrap().admin1.clone();
    assert_eq!(state("Franklin"), state("Williamson County"), "{ms:#?}");
    assert_eq!(state("Franklin").as_deref(), Some("Tennessee"));
}

#[test]
fn in_after_an_institution_starts_a_place_of_its_own() {
    // "University in Lafayette" is the university and a town, so "Lafayette, Indiana" is
    // read as a pair.
    let ms = mentions(
        "A chemist at Purdue University in Lafayette, Indiana, led the study. She had worked \
         in Louisiana before.",
    );
    assert_eq!(
        get(&ms, "Purdue University").kind,
        MentionKind::Organisation
    );
    let g = get(&ms, "Lafayette").geo.as_ref().unwrap();
    assert_eq!(g.admin1.as_deref(), Some("Indiana"), "{ms:#?}");
}

#[test]
fn a_neighbourhood_named_like_a_town_is_inside_the_article_town() {
    // "Hazelwood" is also a town in Missouri: the neighbourhood is not that town's state.
    let ms = mentions(
        "SPRINGFIELD, Ill. — A man was wounded late Friday in the city's Hazelwood \
         neighborhood, police said.",
    );
    let n = get(&ms, "Hazelwood neighborhood");
    assert_eq!(n.kb_id, None, "{n:?}");
    let g = n.geo.as_ref().expect("put near the town");
    assert_eq!(g.precision, GeoPrecision::Near);
    assert_eq!(g.admin1.as_deref(), Some("Illinois"), "{n:?}");
}

#[test]
fn a_name_after_block_of_is_a_street_not_the_town_of_that_name() {
    let ms = mentions(
        "TOLEDO, Ohio — Officers were called to the 2200 block of Camden around 9 p.m. on \
         Saturday after reports of gunfire.",
    );
    let s = get(&ms, "Camden");
    assert_eq!(s.kb_id, None, "{s:?}");
    let g = s.geo.as_ref().expect("put near the town");
    assert_eq!(g.precision, GeoPrecision::Near);
    assert_eq!(g.admin1.as_deref(), Some("Ohio"), "{s:?}");
}

#[test]
fn an_abbreviated_state_that_is_also_a_word_places_the_town_before_it() {
    for (text, town, state) in [
        (
            "SPRINGFIELD, Mass. — Two people were hurt in a crash on Monday.",
            "SPRINGFIELD",
            "Massachusetts",
        ),
        (
            "Officers in Springfield, Ill., said no one was hurt.",
            "Springfield",
            "Illinois",
        ),
    ] {
        let ms = mentions(text);
        let t = get(&ms, town);
        assert_eq!(admin1(t), Some(state), "{text}: {t:?}");
    }
}

#[test]
fn a_given_name_that_is_only_another_name_of_a_town_is_the_persons() {
    // "Landon" is an old name of a far larger town called otherwise.
    let ms = mentions("The rifle went off, killing Landon instantly, deputies said.");
    assert!(
        ms.iter()
            .all(|m| m.text != "Landon" || m.kind != MentionKind::Place),
        "{ms:#?}"
    );
    // The context may still call such a name a place.
    let ms = mentions("The towns of Victor and Henrietta lost power on Sunday.");
    assert_eq!(get(&ms, "Victor").kind, MentionKind::Place);
}

#[test]
fn a_town_whose_name_opens_an_institutions_name_keeps_its_first_word() {
    let ms = mentions("Grand Rapids Police said two men were hurt. Officers from the New Britain Police Department arrived.");
    for (town, state) in [("Grand Rapids", "Michigan"), ("New Britain", "Connecticut")] {
        let t = get(&ms, town);
        assert_eq!(admin1(t), Some(state), "{t:?}");
    }
}

#[test]
fn a_neighbourhood_of_a_city_not_named_does_not_beat_a_town_of_that_name() {
    // Sunbury and Berwick are suburbs of Melbourne (sections in GeoNames) and also towns in
    // Pennsylvania; with no other place near Melbourne named, the towns are meant.
    for (text, name) in [
        (
            "A fire damaged a warehouse in Sunbury on Monday, police said.",
            "Sunbury",
        ),
        (
            "Shots were fired in Berwick on Monday, police said.",
            "Berwick",
        ),
    ] {
        let ms = mentions(text);
        let g = get(&ms, name).geo.as_ref().expect("placed");
        assert_eq!(g.country.as_deref(), Some("US"), "{text}");
    }
    // Beside the city, the suburb.
    let ms = mentions("Shots were fired in Berwick, in Melbourne's south-east, on Monday.");
    let g = get(&ms, "Berwick").geo.as_ref().expect("placed");
    assert_eq!(g.country.as_deref(), Some("AU"));
}

#[test]
fn a_direction_word_before_a_big_city_names_a_part_of_that_city() {
    let ms = mentions("Two men were wounded in North Philadelphia late on Saturday.");
    let m = get(&ms, "North Philadelphia");
    assert_eq!(m.canonical.as_deref(), Some("Philadelphia"), "{m:?}");
    let g = m.geo.as_ref().unwrap();
    assert_eq!(
        (g.precision, g.admin1.as_deref()),
        (GeoPrecision::Near, Some("Pennsylvania"))
    );
    // A town whose own name starts with a direction word stays that town.
    let ms = mentions("A woman was hurt in East Cleveland on Sunday.");
    assert_eq!(
        get(&ms, "East Cleveland").geo.as_ref().unwrap().precision,
        GeoPrecision::Exact
    );
}

#[test]
fn a_place_head_before_a_title_stays_with_its_place() {
    let ms = mentions(
        "Douglas County Sheriff Tom Reyes spoke on Friday. New York City Mayor Jane Ortiz \
         said little. Manhattan District Attorney Alan Voss declined to comment. County \
         Sheriff Bob Lee said nothing. Tulsa Detective Mark Owens led the search.",
    );
    assert_eq!(get(&ms, "Douglas County").kind, MentionKind::Place);
    assert_eq!(get(&ms, "Tom Reyes").role.as_deref(), Some("Sheriff"));
    assert_eq!(get(&ms, "New York City").kind, MentionKind::Place);
    assert_eq!(get(&ms, "Jane Ortiz").role.as_deref(), Some("Mayor"));
    // A title the gazetteer holds no place for keeps its place word.
    assert_eq!(
        get(&ms, "Alan Voss").role.as_deref(),
        Some("District Attorney")
    );
    assert_eq!(get(&ms, "Bob Lee").kind, MentionKind::Person);
    assert!(!ms.iter().any(|m| m.text == "County"), "{ms:#?}");
    // A police rank is a title: the officer is a person, the town a place.
    assert_eq!(get(&ms, "Mark Owens").role.as_deref(), Some("Detective"));
    assert_eq!(get(&ms, "Tulsa").kind, MentionKind::Place);
}

#[test]
fn a_county_inside_a_facility_name_follows_the_article_too() {
    // Many states have a Washington County; Hagerstown is the seat of Maryland's, though
    // the article names Virginia too.
    let ms = mentions(
        "A Hagerstown teenager was held in the Washington County Jail on Friday after a \
         shooting at an apartment complex, city police said. The wounded friend was flown \
         to a hospital in Winchester, Va.\n\nWashington County Judge Ann \
         Cole set his bail on Monday.",
    );
    for m in ms.iter().filter(|m| m.text == "Washington County") {
        let g = m.geo.as_ref().unwrap();
        assert_eq!(g.admin1.as_deref(), Some("Maryland"), "{m:?}");
    }
    assert_eq!(
        ms.iter().filter(|m| m.text == "Washington County").count(),
        2
    );
}

#[test]
fn a_big_city_before_a_region_that_does_not_hold_it_is_no_pair() {
    // Victoria is an Australian state; Houston is not in it.
    let ms = mentions(
        "Flooding closed schools in Houston, Victoria, Beaumont and Corpus Christi on Monday, \
         state officials said.",
    );
    let g = get(&ms, "Houston").geo.as_ref().unwrap();
    assert_eq!(g.country.as_deref(), Some("US"));
    assert_eq!(g.precision, GeoPrecision::Exact);
}

#[test]
fn a_small_town_far_from_all_the_articles_places_is_a_place_near_them() {
    // The gazetteer's Hartlands are in Wisconsin, Maine, England and New Brunswick; the
    // article's other places are all in western New York.
    let ms = mentions(
        "A 40-year-old man was found shot on Tuesday at his home in Hartland, the Niagara \
         County Sheriff's Office said. Deputies from Lockport and Newfane joined the search.",
    );
    let h = get(&ms, "Hartland");
    assert_eq!(h.kb_id, None, "{h:?}");
    let g = h.geo.as_ref().unwrap();
    assert_eq!(g.admin1.as_deref(), Some("New York"), "{h:?}");
    assert_eq!(g.precision, GeoPrecision::Near);
    // Its region named, a far town is that town.
    let ms = mentions(
        "A man was found shot on Tuesday in Lockport, police said. His brother was arrested \
         later that day in Hartland, Wisconsin.",
    );
    let g = get(&ms, "Hartland").geo.as_ref().unwrap();
    assert_eq!(g.admin1.as_deref(), Some("Wisconsin"));
    assert_eq!(g.precision, GeoPrecision::Exact);
}

#[test]
fn names_before_a_plural_street_word_are_streets() {
    let ms = mentions(
        "The shooting happened at the corner of Kearney and Lincoln streets in Tulsa late on \
         Friday, police said.",
    );
    for name in ["Kearney", "Lincoln"] {
        let m = get(&ms, name);
        assert_eq!(m.kb_id, None, "{m:?}");
        let g = m.geo.as_ref().unwrap();
        assert_eq!(g.admin1.as_deref(), Some("Oklahoma"), "{m:?}");
        assert_eq!(g.precision, GeoPrecision::Near);
    }
}

#[test]
fn a_capitalised_function_word_inside_a_sentence_keeps_a_small_towns_name() {
    let ms = mentions("A man was found shot in his New Hope home on Sunday, state police said.");
    assert_eq!(get(&ms, "New Hope").kind, MentionKind::Place);
    assert!(!ms.iter().any(|m| m.text == "Hope"), "{ms:#?}");
}

#[test]
fn a_direction_word_alone_names_no_region() {
    let ms = mentions(
        "Two men fired into a home near North 24th Street and West Maple Drive in Omaha \
         on Friday.",
    );
    assert!(ms.iter().any(|m| m.text == "North"), "{ms:#?}");
    for m in ms.iter().filter(|m| m.text == "North") {
        assert_eq!(m.kb_id, None, "{m:?}");
        assert_ne!(
            m.geo.as_ref().map(|g| g.precision),
            Some(GeoPrecision::Admin1),
            "{m:?}"
        );
    }
}

#[test]
fn a_dateline_in_title_case_with_its_state() {
    // A town that is also a dictionary word, written in title case, is a dateline only when
    // a state (named, abbreviated or as a postal code) and a dash follow it.
    for text in [
        "Normal, IL — A man was shot outside a bar on Friday night, police said.",
        "Normal, Ill. — A man was shot outside a bar on Friday night, police said.",
        "Normal IL— A man was shot outside a bar on Friday night, police said.",
    ] {
        let ms = mentions(text);
        let m = get(&ms, "Normal");
        assert_eq!(m.kind, MentionKind::Place, "{text}");
        assert_eq!(admin1(m), Some("Illinois"), "{text}");
    }
    for text in [
        "Normal people said — quietly — that the night was calm.",
        "Normal, everyday life returned — slowly — to the town.",
    ] {
        let ms = mentions(text);
        assert!(!ms.iter().any(|m| m.text == "Normal"), "{text}: {ms:#?}");
    }
}

#[test]
fn a_county_written_without_its_head_word() {
    // A name of several words that is no sizeable town may be a county or parish without
    // "County" or "Parish".
    let ms = mentions("Deputies said the man was shot in East Baton Rouge on Friday.");
    let m = get(&ms, "East Baton Rouge");
    let g = m.geo.as_ref().expect("placed");
    assert_eq!(g.precision, GeoPrecision::Admin2);
    assert_eq!(admin1(m), Some("Louisiana"));
}

#[test]
fn a_month_that_opens_a_persons_name() {
    let ms = mentions(
        "\"We are so thankful,\" her mother April Whitcombe said on Monday. Whitcombe said \
         the girl was recovering.",
    );
    assert_eq!(get(&ms, "April Whitcombe").kind, MentionKind::Person);
    // After a preposition the month stays a date.
    let ms = mentions("In April Dawson County deputies arrested two men.");
    assert!(!ms.iter().any(|m| m.text.starts_with("April")), "{ms:#?}");
}

#[test]
fn a_village_the_gazetteer_lacks_is_placed_in_the_district_that_holds_it() {
    // Not at the region of the place named before it ("Leeds, England").
    let ms = mentions(
        "Officials in Leeds, England said the bird tested positive. It was found near the \
         village of Kirkbrae in Fife, Scotland.",
    );
    let m = get(&ms, "Kirkbrae");
    let g = m.geo.as_ref().expect("placed");
    assert_eq!(g.precision, GeoPrecision::Admin2, "{m:#?}");
    assert_eq!(admin1(m), Some("Scotland"));
    assert_eq!(g.admin2.as_deref(), Some("Fife"));
}

#[test]
fn a_datelines_town_with_its_state_is_that_town_throughout() {
    // The gazetteer has no town of this name in that state: its other mentions are not a
    // namesake elsewhere.
    let ms = mentions(
        "HECTOR, N.Y. — A man from the Town of Hector was hurt on Friday, the Schuyler \
         County sheriff said. He was taken to a hospital in Ithaca.",
    );
    let hector = |m: &&Mention| m.text.to_lowercase().contains("hector");
    assert_eq!(ms.iter().filter(hector).count(), 2, "{ms:#?}");
    for m in ms.iter().filter(hector) {
        assert_eq!(admin1(m), Some("New York"), "{m:#?}");
    }
}

#[test]
fn a_country_listed_with_another_stays_a_country() {
    // The rest of the article lies in one state, around a small town of the country's
    // name: a country listed beside another is still the country.
    let ms = mentions(
        "Health officials in both the United States and Norway have confirmed a mutated \
         strain of the virus. At least three patients in Norway had it. New cases were found \
         at a hospital in Lewiston, Maine, and in Portland, Maine. Officials in Augusta said \
         the U.S. cases are sporadic.",
    );
    for m in ms.iter().filter(|m| m.text == "Norway") {
        let g = m.geo.as_ref().expect("placed");
        assert_eq!(g.precision, GeoPrecision::Country, "{m:#?}");
        assert_eq!(g.country.as_deref(), Some("NO"), "{m:#?}");
    }
}

#[test]
fn a_township_the_gazetteer_lacks_falls_back_to_its_state() {
    // Not a person, and not the town of its first word in another state.
    let ms = mentions(
        "A teenager was hurt in Harrison Township on Sunday, according to the Ohio State \
         Highway Patrol.",
    );
    let m = get(&ms, "Harrison Township");
    assert_eq!(m.kind, MentionKind::Place, "{m:#?}");
    assert_eq!(admin1(m), Some("Ohio"), "{m:#?}");
    assert_eq!(m.kb_id, None);
}

#[test]
fn a_town_qualified_by_its_county_and_state_is_that_town_throughout() {
    // "X, in Y County, Z" qualifies X as "X, Y" does; a given name that is also a small
    // town's is that town when the text qualifies it.
    let ms = mentions(
        "Floodwater reached the center of Clinton, in Hunterdon County, New Jersey, on \
         Monday. Crews from Flemington drove to Clinton to help.",
    );
    let towns: Vec<&Mention> = ms.iter().filter(|m| m.text == "Clinton").collect();
    assert_eq!(towns.len(), 2, "{ms:#?}");
    for m in towns {
        assert!(m.kb_id.is_some(), "{m:#?}");
        assert_eq!(admin1(m), Some("New Jersey"), "{m:#?}");
    }
    // The other mentions of the name are the town found, not a larger namesake elsewhere.
    let ms = mentions(
        "Power failed in Columbus, in Polk County, North Carolina, on Monday. Asheville, about \
         40 miles north of Columbus, was spared.",
    );
    for m in ms.iter().filter(|m| m.text == "Columbus") {
        assert_eq!(admin1(m), Some("North Carolina"), "{m:#?}");
    }
}

#[test]
fn a_road_of_an_article_that_names_only_a_county_lies_in_that_county() {
    let ms = mentions(
        "A woman was hurt when a rifle went off on Quarry Hollow Road on Sunday, Pulaski County \
         deputies said. Pulaski County officials said no one was charged.",
    );
    let road = get(&ms, "Quarry Hollow Road");
    let g = road.geo.as_ref().expect("the road is placed");
    assert_eq!(g.precision, GeoPrecision::Admin2);
    let county = get(&ms, "Pulaski County");
    assert_eq!(admin1(road), admin1(county));
    assert_eq!(
        g.part_of.as_ref().map(|p| p.kb_id.as_str()),
        county.kb_id.as_deref()
    );
    // A town named beside it: the road is not put at the county.
    let ms = mentions(
        "A woman was hurt when a rifle went off on Quarry Hollow Road near Waynesville on Sunday, \
         Pulaski County deputies said.",
    );
    let road = get(&ms, "Quarry Hollow Road");
    assert!(road
        .geo
        .as_ref()
        .is_none_or(|g| g.precision != GeoPrecision::Admin2));
    // Two counties: no telling which.
    let ms = mentions(
        "A woman was hurt when a rifle went off on Quarry Hollow Road on Sunday, Pulaski County \
         deputies said. Laclede County officials said no one was charged.",
    );
    assert!(get(&ms, "Quarry Hollow Road").geo.is_none());
}

#[test]
fn a_saint_county_is_found_under_its_abbreviation() {
    let ms = mentions("Deputies in St. Charles County said two men were shot on Friday.");
    let c = get(&ms, "St. Charles County");
    assert_eq!(c.geo.as_ref().unwrap().precision, GeoPrecision::Admin2);
    assert_eq!(c.canonical.as_deref(), Some("Saint Charles County"));
}

#[test]
fn a_country_name_is_the_town_inside_the_county_the_article_names() {
    let ms = mentions(
        "A Lebanon man was charged on Friday after his neighbour was shot, Boone County deputies \
         said.",
    );
    let town = get(&ms, "Lebanon");
    assert_eq!(town.geo.as_ref().unwrap().precision, GeoPrecision::Exact);
    assert_eq!(admin1(town), admin1(get(&ms, "Boone County")));
    // With nothing around it, the country.
    let ms = mentions("A Lebanon man was charged on Friday after his neighbour was shot.");
    let g = get(&ms, "Lebanon").geo.as_ref().unwrap();
    assert_eq!(g.precision, GeoPrecision::Country);
}

#[test]
fn a_couple_sharing_a_surname_are_people_not_a_town() {
    let ms = mentions("David and Irene Kowalczyk said their son had never handled a rifle.");
    assert_eq!(get(&ms, "David").kind, MentionKind::Person);
    assert!(ms
        .iter()
        .all(|m| m.kind != MentionKind::Place && m.geo.is_none()));
    // Two countries joined by "and" stay countries.
    let ms = mentions("Talks between Jordan and Georgia Tech officials ended on Monday.");
    assert_eq!(get(&ms, "Jordan").kind, MentionKind::Place);
}

#[test]
fn a_postal_locality_is_a_place_only_where_the_article_vouches_for_it() {
    // A San Jose neighbourhood GeoNames' populated places lack, known from postal data.
    let id = |text: &str| get(&mentions(text), "Alviso").kb_id.clone();
    let beside = id(
        "A cyclist was struck on a levee path in Alviso, a short ride from Milpitas, \
                     on Tuesday.",
    );
    assert!(
        beside.as_deref().is_some_and(|k| k.starts_with("postal:")),
        "{beside:?}"
    );
    let qualified = id("A cyclist was struck on a levee path in Alviso, California, on Tuesday.");
    assert_eq!(qualified, beside);
    // Named alone, it stays unlinked.
    assert_eq!(
        id("A cyclist was struck on a levee path in Alviso on Tuesday."),
        None
    );
}

#[test]
fn seas_and_regions_are_placed_with_region_precision() {
    let ms = mentions(
        "Rebels fired a missile at a grain carrier in the Red Sea on Monday. The governor of \
         Red Sea state, in Sudan, said ports were calm. Aid agencies warned that hunger was \
         spreading across the Horn of Africa and in Darfur.",
    );
    let sea = get(&ms, "Red Sea");
    let g = sea.geo.as_ref().unwrap();
    assert_eq!(sea.kb_id.as_deref(), Some("area:red_sea"));
    assert_eq!(
        (g.precision, g.country.as_deref()),
        (GeoPrecision::Region, None)
    );
    // The text calls it a state: the Sudanese division.
    let state = get(&ms, "Red Sea state");
    assert_eq!(state.geo.as_ref().unwrap().country.as_deref(), Some("SD"));
    assert_eq!(state.geo.as_ref().unwrap().precision, GeoPrecision::Admin1);
    let horn = get(&ms, "Horn of Africa").geo.as_ref().unwrap();
    assert_eq!(horn.precision, GeoPrecision::Region);
    let darfur = get(&ms, "Darfur").geo.as_ref().unwrap();
    assert_eq!(
        (darfur.precision, darfur.country.as_deref()),
        (GeoPrecision::Region, Some("SD"))
    );
}

#[test]
fn another_spelling_is_a_town_at_home_but_not_abroad() {
    // A spelling the gazetteer lacks of a sizeable town, in an article about its country.
    let ms = mentions("Shelling hit the port of Hodeidah in Yemen on Friday, officials said.");
    let h = get(&ms, "Hodeidah");
    assert_eq!(h.geo.as_ref().unwrap().country.as_deref(), Some("YE"));
    assert_eq!(h.geo.as_ref().unwrap().precision, GeoPrecision::Exact);
    // A village in an article about another country is no other spelling of a town abroad.
    let ms = mentions(
        "Gunmen raided the village of Saadah in Zamfara State, Nigeria, on Friday, killing \
         four farmers.",
    );
    let v = get(&ms, "Saadah");
    assert_ne!(
        v.geo.as_ref().and_then(|g| g.country.as_deref()),
        Some("YE")
    );
}

#[test]
fn a_first_name_after_the_full_name_is_the_person_not_a_city() {
    let ms = mentions(
        "A high school student started a drive to remember her classmate Austin Wilkins. \
         Austin loved fishing, his aunt said. Buncombe County deputies said a rifle went off \
         in a truck.",
    );
    let austin: Vec<&Mention> = ms.iter().filter(|m| m.text == "Austin").collect();
    assert!(!austin.is_empty(), "{ms:#?}");
    for m in austin {
        assert_eq!(m.kind, MentionKind::Person, "{m:#?}");
        assert!(m.geo.is_none());
        assert_eq!(m.canonical.as_deref(), Some("Austin Wilkins"));
    }
    // A state keeps its reading after a person of that name.
    let ms = mentions(
        "Virginia Lowe, 52, was hurt in the crash. Troopers in Virginia said the driver fled.",
    );
    let state = ms
        .iter()
        .find(|m| m.text == "Virginia" && m.start > 10)
        .unwrap();
    assert_eq!(state.kind, MentionKind::Place);
    assert_eq!(admin1(state), Some("Virginia"));
}

#[test]
fn a_name_only_known_far_away_lies_in_the_one_county_the_article_names() {
    // Elk Horn is known only in Iowa and Kentucky; the story is in Buncombe County, N.C.
    let ms = mentions(
        "A teenager was killed on Friday night when a rifle went off in a pickup outside Elk \
         Horn Elementary, deputies said. The Buncombe County Sheriff's Office said the boy grew \
         up in Elk Horn and played baseball.",
    );
    let m = get(&ms, "Elk Horn");
    assert!(m.kb_id.is_none(), "{m:#?}");
    let g = m.geo.as_ref().expect("placed in the county");
    assert_eq!(g.precision, GeoPrecision::Admin2);
    assert_eq!(g.admin1.as_deref(), Some("North Carolina"));
}

#[test]
fn a_given_name_beside_the_city_named_is_the_locality_there() {
    // Sydney, Florida lies beside Tampa: no person, and no Australian city, in this story.
    let ms = mentions(
        "TAMPA, Fla. — A man was wounded on Sunday night at a Sydney apartment complex, \
         deputies said.",
    );
    let m = get(&ms, "Sydney");
    assert_eq!(m.kind, MentionKind::Place);
    assert_eq!(admin1(m), Some("Florida"), "{m:#?}");
}

#[test]
fn a_local_story_does_not_take_a_namesake_town_far_away() {
    // Westland is a city of 80,000 in Michigan; this story is in upstate New York, where the
    // gazetteer has no Westland: the dateline is a place near the story's towns.
    let ms = mentions(
        "WESTLAND — A hunter was wounded on Saturday in the Town of Westland, deputies in \
         Tompkins County said. He was taken to a hospital in Ithaca. A hearing is set in Dryden.",
    );
    for text in ["WESTLAND", "Town of Westland"] {
        let m = get(&ms, text);
        assert_ne!(admin1(m), Some("Michigan"), "{m:#?}");
        assert_eq!(admin1(m), Some("New York"), "{m:#?}");
    }
    // A story that ranges over several states keeps the city.
    let ms =
        mentions("Police in Westland said the suspect had lived in Ithaca, New York, and in Ohio.");
    assert_eq!(admin1(get(&ms, "Westland")), Some("Michigan"));
}

#[test]
fn a_corner_of_numbered_streets_and_a_lettered_avenue_are_streets() {
    // Houston, Denver and Tucson are cities; here they are streets at a corner with a
    // numbered one, as is a street word before a letter.
    for (text, name) in [
        (
            "A man was shot near 12th and Houston on Tuesday.",
            "Houston",
        ),
        (
            "The driver was shot near Southwest 29th and Denver.",
            "Denver",
        ),
        ("A woman was hurt at Tucson & 3rd late on Friday.", "Tucson"),
        (
            "The car crashed near Avenue K after the robbery.",
            "Avenue K",
        ),
    ] {
        let ms = mentions(text);
        let m = get(&ms, name);
        assert!(m.kb_id.is_none(), "{text}: {m:#?}");
        assert!(m.geo.is_none(), "{text}: {m:#?}");
    }
    // A town joined to another town keeps its reading.
    let ms = mentions("Police in Omaha and Lincoln are looking for the driver.");
    assert_eq!(admin1(get(&ms, "Lincoln")), Some("Nebraska"));
}

#[test]
fn a_name_set_off_with_an_age_at_the_start_is_a_person() {
    // "Maria" is also a dictionary word (the dark plains of the Moon) and "Lopez" a town in
    // the Philippines: opening a sentence with an age after them, they are a person.
    let ms = mentions("Maria Lopez, 5, was shot at her home in Tampa on Sunday.");
    assert!(
        !ms.iter()
            .any(|m| m.kind == MentionKind::Place && m.text.contains("Lopez")),
        "{ms:#?}"
    );
    assert_eq!(get(&ms, "Maria Lopez").kind, MentionKind::Person);
}

#[test]
fn the_outlets_country_code_domain_is_evidence_for_its_country() {
    // Hyderabad is a city of Telangana, India, and of Sindh, Pakistan; nothing in the text
    // says which.
    let text = "Two men were shot dead in Hyderabad on Monday, police said.";
    let country = |url: &str| {
        let ms = mentions_at(text, url);
        get(&ms, "Hyderabad")
            .geo
            .as_ref()
            .and_then(|g| g.country.clone())
    };
    assert_eq!(
        country("https://www.example.com.pk/news/1").as_deref(),
        Some("PK")
    );
    assert_eq!(
        country("https://www.example.in/news/1").as_deref(),
        Some("IN")
    );
    // A code sold for generic use says nothing: the bigger city.
    assert_eq!(country("https://example.tv/news/1").as_deref(), Some("IN"));
    // The text outweighs the outlet: a Pakistani paper on an Indian story.
    let ms = mentions_at(
        "Two men were shot dead in Hyderabad, the capital of Telangana, India, on Monday.",
        "https://www.example.com.pk/world/2",
    );
    assert_eq!(
        get(&ms, "Hyderabad")
            .geo
            .as_ref()
            .and_then(|g| g.country.as_deref()),
        Some("IN")
    );
}

#[test]
fn downtown_names_a_town_and_a_subdivision_or_hotel_is_no_town() {
    let ms = mentions(
        "A teenager was shot south of downtown Mobile in the Oakview subdivision late Friday, \
         deputies said. Witness Mary Roe said she heard four shots. The gunman fled past the \
         Lakeside Hotel.",
    );
    // "downtown" before a dictionary word makes it the town.
    assert_eq!(admin1(get(&ms, "Mobile")), Some("Alabama"));
    // A subdivision is a part of that town, not a namesake town elsewhere.
    let part = get(&ms, "Oakview subdivision");
    assert_eq!(part.kb_id, None);
    assert_eq!(part.geo.as_ref().unwrap().precision, GeoPrecision::Near);
    assert_eq!(admin1(part), Some("Alabama"));
    // A given name and a surname are a woman, not a spelling of a town that sounds alike.
    assert_eq!(get(&ms, "Mary Roe").kind, MentionKind::Person);
    assert_eq!(get(&ms, "Lakeside Hotel").kind, MentionKind::Facility);
    // A shooting range is a site, not a person named by the shape of the words.
    let ms = mentions("A girl was hurt on Sunday at the Cedar Hollow Gun Range, deputies said.");
    assert_eq!(
        get(&ms, "Cedar Hollow Gun Range").kind,
        MentionKind::Facility
    );
}

#[test]
fn a_linked_armed_actor_carries_its_acled_type_and_country() {
    use sitrep_core::ActorType;
    let ms = mentions("Nigerian Army troops clashed with Boko Haram near Maiduguri on Sunday.");
    let group = get(&ms, "Boko Haram");
    let tag = group.actor.as_ref().expect("a type");
    assert_eq!(tag.kind, ActorType::RebelGroup);
    assert_eq!(tag.country.as_deref(), Some("NG"));
    // A place is no actor.
    assert_eq!(get(&ms, "Maiduguri").actor, None);
}

#[test]
fn generic_actors_are_mentions_with_their_acled_type() {
    use sitrep_core::ActorType;
    let ms = mentions("Gunmen killed five villagers near the market on Monday, police said.");
    let kind = |t: &str| get(&ms, t).actor.as_ref().map(|a| a.kind);
    assert_eq!(kind("Gunmen"), Some(ActorType::PoliticalMilitia));
    assert_eq!(kind("villagers"), Some(ActorType::Civilians));
    assert_eq!(kind("police"), Some(ActorType::StateForces));
    assert!(get(&ms, "Gunmen")
        .kb_id
        .as_deref()
        .unwrap()
        .starts_with("agent:"));
    // A noun that heads a nationality types it, and is no actor of its own.
    let ms = mentions("Kenyan troops came under fire near the border on Friday.");
    let kenyan = get(&ms, "Kenyan").actor.as_ref().expect("a type");
    assert_eq!(kenyan.kind, ActorType::StateForces);
    assert_eq!(kenyan.country.as_deref(), Some("KE"));
    assert!(!ms.iter().any(|m| m.text == "troops"));
    // Protesters and rioters are told apart from the opposition the agents file codes them as.
    let ms = mentions("Hundreds of protesters marched while rioters burned tyres.");
    assert_eq!(
        get(&ms, "protesters").actor.as_ref().map(|a| a.kind),
        Some(ActorType::Protesters)
    );
    assert_eq!(
        get(&ms, "rioters").actor.as_ref().map(|a| a.kind),
        Some(ActorType::Rioters)
    );
}

#[test]
fn a_police_noun_ending_an_unknown_organisation_gives_it_the_state_forces_type() {
    use sitrep_core::ActorType;
    let ms = mentions(
        "The Harrowby County Police Department said officers of the Millbrook Sheriff's Office \
         arrested a man, and the Harrowby Youth League thanked them.",
    );
    let kind = |t: &str| {
        ms.iter()
            .find(|m| m.text == t)
            .unwrap_or_else(|| panic!("no mention {t:?} in {ms:#?}"))
            .actor
            .as_ref()
            .map(|a| a.kind)
    };
    assert_eq!(
        kind("Harrowby County Police Department"),
        Some(ActorType::StateForces)
    );
    assert_eq!(kind("Millbrook Sheriff"), Some(ActorType::StateForces));
    // An organisation whose name ends with no such noun stays untyped.
    assert_eq!(kind("Harrowby Youth League"), None);
}
