//! Quantities and claims on sentences written for these tests in the style of wire reports,
//! and the key facts of the seed articles (`../shared/corpus/seeds`, skipped where absent).

use sitrep_core::{Claim, Cover, Mention, MentionKind, Quantity, Stance};
use sitrep_understand::claims::ClaimTagger;
use sitrep_understand::quantities::QuantityTagger;
use sitrep_understand::tokens::{sentences, tokenize};

fn sents(text: &str) -> Vec<std::ops::Range<usize>> {
    sentences(text, &tokenize(text))
}

fn quantities(text: &str) -> Vec<Quantity> {
    QuantityTagger::default().tag(text, &sents(text))
}

/// The only quantity of `text`.
fn one(text: &str) -> Quantity {
    let qs = quantities(text);
    assert_eq!(qs.len(), 1, "{text}: {qs:#?}");
    qs.into_iter().next().unwrap()
}

/// (value, upper, qualifier, counts, predicate) of a quantity.
type Facts<'a> = (
    f64,
    Option<f64>,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn facts(q: &Quantity) -> Facts<'_> {
    (
        q.value,
        q.upper,
        q.qualifier.as_deref(),
        q.counts.as_deref(),
        q.predicate.as_deref(),
    )
}

#[test]
fn qualifiers() {
    let qs = quantities("At least 12 people were killed and more than 30 wounded in the shelling.");
    assert_eq!(qs.len(), 2, "{qs:#?}");
    assert_eq!(
        facts(&qs[0]),
        (12.0, None, Some("at_least"), Some("person"), Some("killed"))
    );
    assert_eq!(qs[0].text, "At least 12 people");
    assert_eq!(
        facts(&qs[1]),
        (30.0, None, Some("more_than"), None, Some("injured"))
    );
    let cases: &[(&str, Facts)] = &[
        (
            "About 40 civilians were evacuated from the village.",
            (
                40.0,
                None,
                Some("about"),
                Some("civilian"),
                Some("evacuated"),
            ),
        ),
        (
            "Up to 15 soldiers were captured near the river.",
            (15.0, None, Some("up_to"), Some("soldier"), Some("captured")),
        ),
        (
            "Nearly 200 homes were damaged in the storm of shells.",
            (200.0, None, Some("about"), Some("house"), Some("damaged")),
        ),
        (
            "Over 70 fighters were killed during the assault.",
            (
                70.0,
                None,
                Some("more_than"),
                Some("fighter"),
                Some("killed"),
            ),
        ),
        (
            "Fewer than 10 troops remained in the town.",
            (10.0, None, Some("less_than"), Some("soldier"), None),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(facts(&one(text)), *want, "{text}");
    }
}

#[test]
fn number_words_and_vague_numbers() {
    let cases: &[(&str, Facts)] = &[
        (
            "Twelve people were hurt when the roof collapsed.",
            (12.0, None, None, Some("person"), Some("injured")),
        ),
        (
            "A dozen soldiers were wounded in the attack.",
            (12.0, None, None, Some("soldier"), Some("injured")),
        ),
        (
            "Dozens of residents were evacuated overnight.",
            (
                24.0,
                None,
                Some("at_least"),
                Some("resident"),
                Some("evacuated"),
            ),
        ),
        (
            "Hundreds of houses were destroyed by the flood of fire.",
            (
                200.0,
                None,
                Some("at_least"),
                Some("house"),
                Some("destroyed"),
            ),
        ),
        (
            "Tens of thousands of people fled the city.",
            (
                20_000.0,
                None,
                Some("at_least"),
                Some("person"),
                Some("displaced"),
            ),
        ),
        (
            "Several cars were damaged.",
            (3.0, None, Some("at_least"), Some("car"), Some("damaged")),
        ),
        (
            "Seventy-five people were detained at the rally.",
            (75.0, None, None, Some("person"), Some("detained")),
        ),
        (
            "The brigade lost two hundred soldiers.",
            (200.0, None, None, Some("soldier"), None),
        ),
        (
            "Officials said 2.5 million people had lost their lives in the famine.",
            (2_500_000.0, None, None, Some("person"), Some("killed")),
        ),
        (
            "The convoy carried 1,200 troops.",
            (1_200.0, None, None, Some("soldier"), None),
        ),
        (
            "More than a dozen children were hospitalised.",
            (
                12.0,
                None,
                Some("more_than"),
                Some("child"),
                Some("injured"),
            ),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(facts(&one(text)), *want, "{text}");
    }
}

#[test]
fn ranges() {
    let cases: &[(&str, Facts)] = &[
        (
            "Between 20 and 30 militants were killed in the raid.",
            (
                20.0,
                Some(30.0),
                Some("between"),
                Some("militant"),
                Some("killed"),
            ),
        ),
        (
            "The strike killed 5-7 soldiers.",
            (
                5.0,
                Some(7.0),
                Some("between"),
                Some("soldier"),
                Some("killed"),
            ),
        ),
        (
            "Two or three drones were shot down.",
            (
                2.0,
                Some(3.0),
                Some("between"),
                Some("drone"),
                Some("shot_down"),
            ),
        ),
        (
            "From 40 to 50 people were evacuated.",
            (
                40.0,
                Some(50.0),
                Some("between"),
                Some("person"),
                Some("evacuated"),
            ),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(facts(&one(text)), *want, "{text}");
    }
    assert_eq!(
        one("Between 1,500 and 2,000 of the troops were moved.").text,
        "Between 1,500 and 2,000 of the troops"
    );
}

#[test]
fn zero_counts() {
    let q = one("No one was injured in the blast, the police said.");
    assert_eq!(
        facts(&q),
        (0.0, None, None, Some("person"), Some("injured"))
    );
    assert_eq!(q.text, "No one");
    let q = one("Nobody was hurt.");
    assert_eq!(
        facts(&q),
        (0.0, None, None, Some("person"), Some("injured"))
    );
    let q = one("No deaths were reported.");
    assert_eq!(facts(&q), (0.0, None, None, None, Some("killed")));
    let q = one("No civilians were killed, the army said.");
    assert_eq!(
        facts(&q),
        (0.0, None, None, Some("civilian"), Some("killed"))
    );
    // "No casualties": killed and injured, both zero, over the same words.
    let qs = quantities("There were no casualties.");
    let preds: Vec<_> = qs.iter().map(|q| q.predicate.as_deref()).collect();
    assert_eq!(preds, [Some("killed"), Some("injured")]);
    assert!(qs
        .iter()
        .all(|q| q.value == 0.0 && q.text == "no casualties"));
    let qs = quantities("The unit withdrew without casualties.");
    assert_eq!(qs.len(), 2);
    // "no" without a predicate is no count.
    assert!(quantities("Russia has no plans to withdraw.").is_empty());
    assert!(quantities("There was no evidence of tanks in the area.").is_empty());
}

#[test]
fn not_counts() {
    for text in [
        "In 2015, the plant was closed.",
        "The revolution of 1917 is remembered.",
        "The convoy travelled 20 miles into the region.",
        "The village lies some 600 meters from the border.",
        "The siege lasted 15 months.",
        "Fighting went on for two days.",
        "A Mi-24 helicopter flew over the town.",
        "Modern T-90 tanks were seen.",
        "The strike happened on May 22 at dawn.",
        "The war began on 24 February.",
        "The attack began at 10:30 local time.",
        "The damage was put at $5 million.",
        "Turnout was 40% lower than expected.",
        "He came third in the vote.",
        "One of them was a journalist.",
        "Belgorod, a city of 69,000 people, lies near the border.",
        "Article 5 of the treaty was invoked.",
        "The 3rd Brigade moved south.",
        "Two countries signed the deal.",
    ] {
        let qs = quantities(text);
        assert!(qs.is_empty(), "{text}: {qs:#?}");
    }
}

#[test]
fn predicates_active_passive_and_lists() {
    let qs = quantities("Russian forces destroyed 4 tanks and 5 trucks.");
    let got: Vec<_> = qs.iter().map(facts).collect();
    assert_eq!(
        got,
        [
            (4.0, None, None, Some("tank"), Some("destroyed")),
            (5.0, None, None, Some("truck"), Some("destroyed"))
        ]
    );
    let q = one("Four tanks were destroyed near the bridge.");
    assert_eq!(q.predicate.as_deref(), Some("destroyed"));
    let q = one("The shelling left 12 people injured.");
    assert_eq!(
        facts(&q),
        (12.0, None, None, Some("person"), Some("injured"))
    );
    let q = one("A shell hit the plant, injuring two workers.");
    assert_eq!(
        facts(&q),
        (2.0, None, None, Some("worker"), Some("injured"))
    );
    let q = one("Two dead after drone strike on port");
    assert_eq!(facts(&q), (2.0, None, None, None, Some("killed")));
    let q = one("The death toll rose to 14 on Sunday.");
    assert_eq!(facts(&q), (14.0, None, None, None, Some("killed")));
    let q = one("The dead included three children.");
    assert_eq!(facts(&q), (3.0, None, None, Some("child"), Some("killed")));
    let q = one("Shrapnel wounded a 10-year-old boy.");
    assert_eq!(facts(&q), (1.0, None, None, Some("boy"), Some("injured")));
    let q = one("The army said it had shot down 20 drones overnight.");
    assert_eq!(
        facts(&q),
        (20.0, None, None, Some("drone"), Some("shot_down"))
    );
    let q = one("The ministry said it eliminated more than 70 “militants” in the area.");
    assert_eq!(
        facts(&q),
        (
            70.0,
            None,
            Some("more_than"),
            Some("militant"),
            Some("eliminated")
        )
    );
    let q = one("Nine armored fighting vehicles were captured.");
    assert_eq!(
        facts(&q),
        (9.0, None, None, Some("armored vehicle"), Some("captured"))
    );
    let q = one("Three police officers died in the ambush.");
    assert_eq!(
        facts(&q),
        (3.0, None, None, Some("police officer"), Some("killed"))
    );
    // The counted things did it: no predicate for them.
    let q = one("Two drones destroyed a fuel depot.");
    assert_eq!(facts(&q), (2.0, None, None, Some("drone"), None));
    // Killed a soldier: `a` counts one only with a known noun and a predicate.
    let qs = quantities("A sniper killed a soldier. A convoy left the base.");
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(
        facts(&qs[0]),
        (1.0, None, None, Some("soldier"), Some("killed"))
    );
    // Spans are byte offsets.
    let text = "Ukraine’s army said 12 soldiers were wounded.";
    let q = one(text);
    assert_eq!(&text[q.start..q.end], "12 soldiers");
}

// ---- claims ----

fn mention(text: &str, context: &str, name: &str, kind: MentionKind) -> Mention {
    let at = text
        .find(context)
        .unwrap_or_else(|| panic!("{context:?} not in text"));
    let start = at + context.find(name).expect("name inside context");
    Mention {
        text: name.to_string(),
        start,
        end: start + name.len(),
        kind,
        canonical: None,
        kb_id: None,
        confidence: 1.0,
        role: None,
        geo: None,
        runner_up: None,
        actor: None,
    }
}

fn claims(text: &str, mentions: &[Mention]) -> (Vec<Quantity>, Vec<Claim>) {
    let s = sents(text);
    let qs = QuantityTagger::default().tag(text, &s);
    let cs = ClaimTagger::default().tag(text, &s, mentions, &qs);
    (qs, cs)
}

fn content<'a>(text: &'a str, c: &Claim) -> &'a str {
    &text[c.start..c.end]
}

const PERSON: MentionKind = MentionKind::Person;
const ORG: MentionKind = MentionKind::Organisation;

#[test]
fn speaker_said_and_said_speaker() {
    let text = "The regional governor, Ivan Petrenko, said two houses were damaged overnight.";
    let m = [mention(text, "Ivan Petrenko", "Ivan Petrenko", PERSON)];
    let (qs, cs) = claims(text, &m);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    let c = &cs[0];
    assert_eq!(c.speaker.as_deref(), Some("Ivan Petrenko"));
    assert_eq!(c.speaker_mention, Some(0));
    assert_eq!((c.cue.as_str(), c.stance), ("said", Stance::Asserts));
    assert_eq!(content(text, c), "two houses were damaged overnight");
    assert_eq!(qs.len(), 1);
    assert_eq!(c.covers, [Cover::Quantity(0)]);

    let text = "“The situation is under control,” said Ivan Petrenko, the governor.";
    let mut m = [mention(text, "Ivan Petrenko", "Ivan Petrenko", PERSON)];
    m[0].canonical = Some("Ivan O. Petrenko".into());
    m[0].kb_id = Some("Q123".into());
    let (_, cs) = claims(text, &m);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    assert_eq!(cs[0].speaker.as_deref(), Some("Ivan O. Petrenko"));
    assert_eq!(cs[0].speaker_kb_id.as_deref(), Some("Q123"));
    assert_eq!(content(text, &cs[0]), "The situation is under control");
}

#[test]
fn according_to_before_and_after() {
    let text = "According to the Northland Regional Administration, three civilians were killed. \
                Four more were wounded, according to local police.";
    let m = [mention(
        text,
        "Northland Regional Administration",
        "Northland Regional Administration",
        ORG,
    )];
    let (qs, cs) = claims(text, &m);
    assert_eq!(cs.len(), 2, "{cs:#?}");
    assert_eq!(
        cs[0].speaker.as_deref(),
        Some("Northland Regional Administration")
    );
    assert_eq!(cs[0].cue, "according to");
    assert_eq!(content(text, &cs[0]), "three civilians were killed");
    assert_eq!(cs[0].covers, [Cover::Quantity(0)]);
    // No mention: the speaker noun phrase.
    assert_eq!(cs[1].speaker.as_deref(), Some("local police"));
    assert_eq!(cs[1].speaker_mention, None);
    assert_eq!(content(text, &cs[1]), "Four more were wounded");
    assert_eq!(qs[1].predicate.as_deref(), Some("injured"));
    assert_eq!(cs[1].covers, [Cover::Quantity(1)]);
}

#[test]
fn trailing_added_and_pronoun() {
    let text = "Ivan Petrenko visited the site on Monday. He said 14 people had been evacuated. \
                Five drones were shot down, Petrenko added.";
    let m = [
        mention(text, "Ivan Petrenko visited", "Ivan Petrenko", PERSON),
        mention(text, "Petrenko added", "Petrenko", PERSON),
    ];
    let (qs, cs) = claims(text, &m);
    assert_eq!(cs.len(), 2, "{cs:#?}");
    // The pronoun resolves to the last person of the previous sentence.
    assert_eq!(cs[0].speaker.as_deref(), Some("Ivan Petrenko"));
    assert_eq!(cs[0].speaker_mention, Some(0));
    assert_eq!(content(text, &cs[0]), "14 people had been evacuated");
    assert_eq!(cs[0].covers, [Cover::Quantity(0)]);
    assert_eq!(cs[1].cue, "added");
    assert_eq!(cs[1].speaker_mention, Some(1));
    assert_eq!(content(text, &cs[1]), "Five drones were shot down");
    assert_eq!(cs[1].covers, [Cover::Quantity(1)]);
    assert_eq!(qs[1].predicate.as_deref(), Some("shot_down"));
}

#[test]
fn stances() {
    let text = "The Defence Ministry accused Kyiv of shelling the market. \
                The Blue Brigade denied striking the hospital. \
                The Red Cross confirmed that two staff members were injured. \
                A spokesman for the Blue Brigade said he could neither confirm nor deny the raid. \
                Officials could not confirm the report. \
                The Harbor Company declined to comment.";
    let m = [
        mention(text, "Defence Ministry accused", "Defence Ministry", ORG),
        mention(
            text,
            "Blue Brigade denied",
            "Blue Brigade",
            MentionKind::ArmedGroup,
        ),
        mention(text, "Red Cross", "Red Cross", ORG),
        mention(
            text,
            "the Blue Brigade said",
            "Blue Brigade",
            MentionKind::ArmedGroup,
        ),
        mention(text, "Harbor Company", "Harbor Company", ORG),
    ];
    let (qs, cs) = claims(text, &m);
    let got: Vec<_> = cs
        .iter()
        .map(|c| (c.speaker.as_deref(), c.stance, content(text, c)))
        .collect();
    assert_eq!(
        got,
        [
            (
                Some("Defence Ministry"),
                Stance::Alleges,
                "Kyiv of shelling the market"
            ),
            (
                Some("Blue Brigade"),
                Stance::Denies,
                "striking the hospital"
            ),
            (
                Some("Red Cross"),
                Stance::Confirms,
                "two staff members were injured"
            ),
            // The "said" wrapping the speaker's own stance is dropped.
            (
                Some("Blue Brigade"),
                Stance::NeitherConfirmsNorDenies,
                "the raid"
            ),
            (
                Some("Officials"),
                Stance::NeitherConfirmsNorDenies,
                "the report"
            ),
            (
                Some("Harbor Company"),
                Stance::NeitherConfirmsNorDenies,
                "declined to comment"
            ),
        ]
    );
    assert_eq!(cs[2].covers, [Cover::Quantity(0)]);
    assert_eq!(qs[0].counts.as_deref(), Some("member"));
    assert_eq!(cs[3].cue, "neither confirm nor deny");
    // Adjectives are not cues.
    let (_, cs) = claims(
        "The alleged attack and the reported strike hit the port.",
        &[],
    );
    assert!(cs.is_empty(), "{cs:#?}");
    // No cue, no claim.
    let (_, cs) = claims("Five people were killed in the strike.", &[]);
    assert!(cs.is_empty());
}

#[test]
fn channels() {
    let text = "Ivan Petrenko said on Telegram that the fire was out. \
                The Defence Ministry said in a statement that 30 fighters were killed. \
                “We will rebuild,” Petrenko told the Daily Courier in an interview. \
                The Blue Brigade wrote on Twitter that the bridge was destroyed. \
                The Defence Ministry told reporters the strike was accurate.";
    let m = [
        mention(text, "Ivan Petrenko", "Ivan Petrenko", PERSON),
        mention(text, "The Defence Ministry said", "Defence Ministry", ORG),
        mention(text, "Petrenko told", "Petrenko", PERSON),
        mention(text, "Daily Courier", "Daily Courier", ORG),
        mention(
            text,
            "Blue Brigade",
            "Blue Brigade",
            MentionKind::ArmedGroup,
        ),
        mention(text, "The Defence Ministry told", "Defence Ministry", ORG),
    ];
    let (_, cs) = claims(text, &m);
    let got: Vec<_> = cs
        .iter()
        .map(|c| (c.speaker_mention, c.channel.as_deref(), content(text, c)))
        .collect();
    assert_eq!(
        got,
        [
            (Some(0), Some("telegram"), "the fire was out"),
            (Some(1), Some("statement"), "30 fighters were killed"),
            (Some(2), Some("interview"), "We will rebuild"),
            (Some(4), Some("twitter"), "the bridge was destroyed"),
            (Some(5), Some("media"), "the strike was accurate"),
        ]
    );
    assert_eq!(cs[1].covers, [Cover::Quantity(0)]);
}

#[test]
fn quotes_go_on_and_colon_intros() {
    let text =
        "“We repelled the attack,” Ivan Petrenko said. “Nine armored vehicles were destroyed. \
                The rest fled.”\n\
                The Blue Brigade said in a statement:\n\
                “Our fighters captured 12 soldiers.”";
    let m = [
        mention(text, "Ivan Petrenko", "Ivan Petrenko", PERSON),
        mention(
            text,
            "Blue Brigade",
            "Blue Brigade",
            MentionKind::ArmedGroup,
        ),
    ];
    let (qs, cs) = claims(text, &m);
    let got: Vec<_> = cs
        .iter()
        .map(|c| (c.speaker_mention, content(text, c), c.covers.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(0), "We repelled the attack", vec![]),
            (
                Some(0),
                "Nine armored vehicles were destroyed",
                vec![Cover::Quantity(0)]
            ),
            (Some(0), "The rest fled", vec![]),
            (
                Some(1),
                "Our fighters captured 12 soldiers",
                vec![Cover::Quantity(1)]
            ),
        ]
    );
    assert_eq!(cs[3].channel.as_deref(), Some("statement"));
    assert_eq!(qs[1].predicate.as_deref(), Some("captured"));
}

// ---- the seed articles ----

fn seed(prefix: &str) -> Option<String> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/seeds");
    let entries = std::fs::read_dir(dir).ok()?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with(prefix) && name.ends_with(".txt") {
            return std::fs::read_to_string(e.path()).ok();
        }
    }
    None
}

/// The claim covering the quantity `q`.
fn claim_of(cs: &[Claim], q: usize) -> Option<&Claim> {
    cs.iter().find(|c| c.covers.contains(&Cover::Quantity(q)))
}

fn find_q(qs: &[Quantity], value: f64, predicate: &str) -> usize {
    qs.iter()
        .position(|q| q.value == value && q.predicate.as_deref() == Some(predicate))
        .unwrap_or_else(|| panic!("no {value} {predicate} in {qs:#?}"))
}

#[test]
fn seed_facts() {
    let Some(t002) = seed("002") else {
        eprintln!("skipped: ../shared/corpus/seeds not found");
        return;
    };
    // 002: "…, Gladkov said. Twelve people had been injured …": the governor's figure.
    let mut gladkov = mention(&t002, "yet, Gladkov said", "Gladkov", PERSON);
    gladkov.canonical = Some("Vyacheslav Gladkov".into());
    let (qs, cs) = claims(&t002, &[gladkov]);
    let q = find_q(&qs, 12.0, "injured");
    assert_eq!(qs[q].counts.as_deref(), Some("person"));
    let c = claim_of(&cs, q).expect("the twelve injured are attributed");
    assert_eq!(c.speaker.as_deref(), Some("Vyacheslav Gladkov"));
    assert_eq!(c.speaker_mention, Some(0));

    // 003: two workers injured (the governor added) and no one injured (the company).
    let t003 = seed("003").unwrap();
    let mut gladkov = mention(&t003, "inferno, Gladkov added", "Gladkov", PERSON);
    gladkov.canonical = Some("Vyacheslav Gladkov".into());
    let rosneft = mention(&t003, "Rosneft, which", "Rosneft", ORG);
    let (qs, cs) = claims(&t003, &[gladkov, rosneft]);
    let q = find_q(&qs, 2.0, "injured");
    assert_eq!(qs[q].counts.as_deref(), Some("worker"));
    let c = claim_of(&cs, q).expect("two workers attributed");
    assert_eq!(
        (c.speaker.as_deref(), c.cue.as_str()),
        (Some("Vyacheslav Gladkov"), "added")
    );
    let q = find_q(&qs, 0.0, "injured");
    assert_eq!(qs[q].text.to_lowercase(), "no one");
    let c = claim_of(&cs, q).expect("no one injured attributed");
    assert_eq!(c.speaker.as_deref(), Some("Rosneft"));
    assert_eq!(c.stance, Stance::Asserts);

    // 000: the foreign minister can neither confirm nor deny.
    let t000 = seed("000").unwrap();
    let kuleba = mention(&t000, "Dmytro Kuleva", "Dmytro Kuleva", PERSON);
    let gladkov = mention(&t000, "Vyacheslav Gladkov", "Vyacheslav Gladkov", PERSON);
    let (_, cs) = claims(&t000, &[kuleba, gladkov]);
    let ncnd: Vec<_> = cs
        .iter()
        .filter(|c| c.stance == Stance::NeitherConfirmsNorDenies)
        .collect();
    assert!(!ncnd.is_empty(), "{cs:#?}");
    assert_eq!(ncnd[0].speaker.as_deref(), Some("Dmytro Kuleva"));
    assert_eq!(&t000[ncnd[0].start..ncnd[0].end], "the attack");
    let accused = cs.iter().find(|c| c.cue == "accused").expect("accused");
    assert_eq!(
        (
            accused.speaker.as_deref(),
            accused.stance,
            accused.channel.as_deref()
        ),
        (
            Some("Vyacheslav Gladkov"),
            Stance::Alleges,
            Some("telegram")
        )
    );

    // 001: "over 70 … were killed"; 004: "eliminated more than 70 …".
    let t001 = seed("001").unwrap();
    let qs = quantities(&t001);
    let q = &qs[find_q(&qs, 70.0, "killed")];
    assert_eq!(q.qualifier.as_deref(), Some("more_than"));
    assert_eq!(q.counts.as_deref(), Some("nationalist"));
    let t004 = seed("004").unwrap();
    let mod_ = mention(
        &t004,
        "The Russian Defense Ministry said yesterday",
        "Russian Defense Ministry",
        ORG,
    );
    let (qs, cs) = claims(&t004, &[mod_]);
    let q = find_q(&qs, 70.0, "eliminated");
    assert_eq!(qs[q].qualifier.as_deref(), Some("more_than"));
    assert_eq!(qs[q].counts.as_deref(), Some("attacker"));
    let c = claim_of(&cs, q).expect("the 70 are the ministry's");
    assert_eq!(c.speaker.as_deref(), Some("Russian Defense Ministry"));
    // 004 also: 12 people injured and several cars damaged; 4 armored vehicles destroyed.
    let q = find_q(&qs, 12.0, "injured");
    assert_eq!(qs[q].counts.as_deref(), Some("person"));
    let q = find_q(&qs, 4.0, "destroyed");
    assert_eq!(qs[q].counts.as_deref(), Some("armored vehicle"));
    // No year, date or distance among the seed quantities.
    for text in [&t000, &t001, &t002, &t003, &t004] {
        for q in quantities(text) {
            assert!(
                ![2015.0, 1917.0, 2022.0, 2023.0, 22.0, 24.0, 20.0, 25.0, 50.0, 600.0, 15.0]
                    .contains(&q.value)
                    || q.counts.is_some(),
                "{q:?}"
            );
        }
    }
}

/// "the governor of X region said": the speaker is the governor, not the region, even with
/// the region found as a place by the whole stage.
#[test]
fn an_office_of_a_place_speaks_not_the_place() {
    use sitrep_core::{Annotator, Article, Published};
    let mut a = Article {
        text: "Drones hit the port overnight, injuring two workers, the governor of Odesa \
               region said on Tuesday."
            .into(),
        published: Published::parse("2025-03-11"),
        ..Article::default()
    };
    sitrep_understand::Understand::default()
        .annotate(&mut a)
        .unwrap();
    let c = &a.claims.as_ref().unwrap()[0];
    assert_eq!(c.speaker.as_deref(), Some("the governor of Odesa region"));
    assert_eq!(c.covers.len(), 1, "{c:?}");
}

/// Shooting-report phrasings: "shot and killed", "shot dead", "fatally shot", "pronounced
/// dead", "shot and wounded", and one teenager.
#[test]
fn shooting_phrasings() {
    let cases: &[(&str, Facts)] = &[
        (
            "A man was shot and killed late on Saturday.",
            (1.0, None, None, Some("man"), Some("killed")),
        ),
        (
            "Two men were shot dead outside a bar.",
            (2.0, None, None, Some("man"), Some("killed")),
        ),
        (
            "A woman was fatally shot in her car.",
            (1.0, None, None, Some("woman"), Some("killed")),
        ),
        (
            "A man was pronounced dead at the scene.",
            (1.0, None, None, Some("man"), Some("killed")),
        ),
        (
            "Three people were shot and wounded.",
            (3.0, None, None, Some("person"), Some("injured")),
        ),
        (
            "Police said a teenager was injured.",
            (1.0, None, None, Some("teenager"), Some("injured")),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(facts(&one(text)), *want, "{text}");
    }
}
