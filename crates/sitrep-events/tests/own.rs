//! Event mentions on the team's own wire-style sentences: types, hypotheticals, main event.

use sitrep_core::event::{EventType, SubEventType};
use sitrep_core::{Annotator, Article, EventMention, Published};
use sitrep_events::EventMentions;
use sitrep_understand::Understand;
use std::sync::OnceLock;

fn stages() -> &'static (Understand, EventMentions) {
    static S: OnceLock<(Understand, EventMentions)> = OnceLock::new();
    S.get_or_init(|| (Understand::default(), EventMentions::default()))
}

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
    a
}

fn main_of(a: &Article) -> &EventMention {
    let ms = a.event_mentions.as_ref().unwrap();
    assert_eq!(ms.iter().filter(|m| m.main).count(), 1, "{ms:#?}");
    let m = ms.iter().find(|m| m.main).unwrap();
    assert_eq!(a.main_event.as_deref(), Some(m.id.as_str()));
    m
}

fn main_type(text: &str) -> SubEventType {
    main_of(&annotate(text)).sub_event_type
}

#[test]
fn explosions_remote_violence() {
    use SubEventType::*;
    let cases = [
        ("Israeli warplanes carried out an airstrike on a house in the north of the city, killing four people.", AirDroneStrike),
        ("A drone attack hit an oil refinery overnight, the regional governor said.", AirDroneStrike),
        ("Two helicopters launched a missile attack on a fuel depot near the border.", AirDroneStrike),
        ("Heavy shelling hit residential areas of the town on Tuesday, officials said.", ShellingArtilleryMissileAttack),
        ("Rebels fired mortar rounds at the army barracks late on Monday.", ShellingArtilleryMissileAttack),
        ("A roadside bomb struck a police convoy on the highway, wounding three officers.", RemoteExplosiveLandmineIed),
        ("Two soldiers were killed when their vehicle hit a landmine near the village.", RemoteExplosiveLandmineIed),
        ("A suicide bomber blew himself up at a checkpoint, killing six guards.", SuicideBomb),
        ("Unknown attackers threw a grenade into a crowded market on Sunday.", Grenade),
        ("Activists accused government forces of a chemical attack on the suburb.", ChemicalWeapon),
    ];
    for (text, want) in cases {
        let m = main_type(text);
        assert_eq!(m, want, "{text}");
        assert_eq!(m.event_type(), EventType::ExplosionsRemoteViolence);
    }
}

#[test]
fn battles() {
    use SubEventType::*;
    let cases = [
        (
            "Clashes broke out between the army and rebels near the airport on Friday.",
            ArmedClash,
        ),
        (
            "Militants ambushed a military patrol in the mountains, killing five soldiers.",
            ArmedClash,
        ),
        (
            "An armed group carried out a cross-border raid into the region with armored vehicles.",
            ArmedClash,
        ),
        (
            "Government troops recaptured the town from insurgents after a week of fighting.",
            GovernmentRegainsTerritory,
        ),
        (
            "Rebel fighters seized control of the district headquarters on Saturday.",
            NonStateActorOvertakesTerritory,
        ),
    ];
    for (text, want) in cases {
        let m = main_type(text);
        assert_eq!(m, want, "{text}");
        assert_eq!(m.event_type(), EventType::Battles);
    }
}

#[test]
fn violence_against_civilians() {
    use SubEventType::*;
    let cases = [
        (
            "Gunmen attacked villagers in the district overnight, killing eleven civilians.",
            Attack,
        ),
        (
            "Militiamen shot dead three farmers on their way to market.",
            Attack,
        ),
        (
            "Armed men kidnapped 20 students from a boarding school on Thursday.",
            AbductionForcedDisappearance,
        ),
        (
            "Soldiers were accused of raping two women in the village.",
            SexualViolence,
        ),
    ];
    for (text, want) in cases {
        let m = main_type(text);
        assert_eq!(m, want, "{text}");
        assert_eq!(m.event_type(), EventType::ViolenceAgainstCivilians);
    }
}

#[test]
fn protests_and_riots() {
    use SubEventType::*;
    let cases = [
        ("Thousands of people took part in a peaceful protest against fuel prices in the capital.", PeacefulProtest),
        ("Police used tear gas to disperse protesters outside parliament.", ProtestWithIntervention),
        ("Security forces opened fire on protesters, killing two demonstrators.", ExcessiveForceAgainstProtesters),
        ("Rioters set fire to cars and threw stones at police in the port city.", ViolentDemonstration),
        ("A mob beat a man to death after accusing him of theft.", MobViolence),
    ];
    for (text, want) in cases {
        let m = main_type(text);
        assert_eq!(m, want, "{text}");
    }
    assert_eq!(PeacefulProtest.event_type(), EventType::Protests);
    assert_eq!(main_type(cases[3].0).event_type(), EventType::Riots);
}

#[test]
fn strategic_developments() {
    use SubEventType::*;
    let cases = [
        (
            "The two sides signed a ceasefire agreement in the capital on Monday.",
            Agreement,
        ),
        (
            "Police arrested a senior opposition figure at his home on Wednesday.",
            Arrests,
        ),
        (
            "Air defence units shot down two drones over the city overnight.",
            DisruptedWeaponsUse,
        ),
        (
            "Fighters looted shops and torched houses before leaving the town.",
            LootingPropertyDestruction,
        ),
    ];
    for (text, want) in cases {
        let m = main_type(text);
        assert_eq!(m, want, "{text}");
        assert_eq!(m.event_type(), EventType::StrategicDevelopments);
    }
}

#[test]
fn hypotheticals_are_skipped_denials_kept() {
    let a = annotate(
        "The group threatened to strike the capital. Officials said rebels could attack the port.",
    );
    assert!(
        a.event_mentions.as_ref().unwrap().is_empty(),
        "{:?}",
        a.event_mentions
    );
    assert!(a.main_event.is_none());
    let a = annotate("The minister plans to attack the opposition's budget.");
    assert!(a.event_mentions.as_ref().unwrap().is_empty());

    let a = annotate("The army denied carrying out the attack on the village.");
    let ms = a.event_mentions.as_ref().unwrap();
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].trigger, "attack");
    let a = annotate("Rebels said they did not attack the convoy.");
    assert_eq!(a.event_mentions.as_ref().unwrap().len(), 1);
}

#[test]
fn spans_are_the_trigger() {
    let text = "«Breaking» — A drone strike hit Kharkiv’s outskirts; later, shelling resumed.";
    let a = annotate(text);
    let chars: Vec<char> = text.chars().collect();
    let ms = a.event_mentions.as_ref().unwrap();
    assert_eq!(ms.len(), 2);
    for m in ms {
        let s: String = chars[m.start..m.end].iter().collect();
        assert_eq!(s, m.trigger);
    }
    assert_eq!(ms[0].trigger, "drone strike");
}

#[test]
fn main_event_skips_the_background() {
    // The recalled strike comes first in the text, but its sentence is set last year.
    let a = annotate(
        "Last year, a missile strike destroyed the same bridge. \
         On Monday, rebels and troops clashed near the bridge, killing four fighters.",
    );
    let m = main_of(&a);
    assert_eq!(m.sub_event_type, SubEventType::ArmedClash);

    // A resolved date far before publication makes a sentence background.
    let a = annotate(
        "Protesters rallied in the capital on Tuesday. \
         On 3 January 2024, an airstrike hit the same district.",
    );
    let m = main_of(&a);
    assert_eq!(m.sub_event_type, SubEventType::PeacefulProtest);

    // A strike outranks a protest in the opening.
    let a = annotate("Hundreds protested in the city. On Monday, an airstrike hit a market.");
    assert_eq!(main_of(&a).sub_event_type, SubEventType::AirDroneStrike);

    // "after" an earlier event in the same sentence.
    let a = annotate(
        "Residents held a protest on Monday after an airstrike on the market in February.",
    );
    assert_eq!(main_of(&a).sub_event_type, SubEventType::PeacefulProtest);
}

#[test]
fn no_event_no_main() {
    let a = annotate("The central bank left interest rates unchanged on Tuesday.");
    assert_eq!(a.event_mentions.as_deref(), Some(&[][..]));
    assert!(a.main_event.is_none());
}

#[test]
fn without_understand_the_whole_text_is_one_sentence() {
    let text = "Troops clashed with gunmen near the town. Protesters gathered in the square.";
    let mut alone = Article {
        id: "t".into(),
        text: text.into(),
        published: Published::parse("2024-03-12"),
        ..Article::default()
    };
    stages().1.annotate(&mut alone).unwrap();
    assert!(alone.sentences.is_none());
    // One sentence: the protesters of the second sentence retype the clash of the first.
    let first = |a: &Article| a.event_mentions.as_ref().unwrap()[0].clone();
    assert_eq!(first(&alone).trigger, "clashed");
    assert_eq!(
        first(&alone).sub_event_type,
        SubEventType::ViolentDemonstration
    );
    // With understand's two sentences, a clash of troops and gunmen.
    assert_eq!(
        first(&annotate(text)).sub_event_type,
        SubEventType::ArmedClash
    );
}

#[test]
fn a_figure_of_speech_is_no_battle() {
    // A patient "fighting for her life", crews "battling the blaze" and firefighters fight no
    // one: the shooting is the event.
    let a = annotate(
        "A girl was fighting for her life on Sunday after she was shot at a home in Macon. \
         Firefighters were battling the blaze next door.",
    );
    let m = main_of(&a);
    assert_eq!(m.trigger, "was shot");
    let ms = a.event_mentions.as_ref().unwrap();
    assert!(
        ms.iter()
            .all(|e| !e.trigger.starts_with("fighting") && !e.trigger.starts_with("battling")),
        "{ms:#?}"
    );
}

#[test]
fn the_actors_decide_ground_violence_and_the_rule_is_kept() {
    use SubEventType::*;
    let decided = |text: &str| {
        let a = annotate(text);
        let m = main_of(&a);
        (
            m.sub_event_type,
            m.typed_by
                .as_ref()
                .map(|d| (d.rule.clone(), d.trigger_type)),
        )
    };
    // An armed side against civilians only: violence against civilians.
    assert_eq!(
        decided("Gunmen attacked hunters in the hills on Sunday."),
        (Attack, Some(("armed_on_civilians".into(), ArmedClash)))
    );
    // Against an armed side: a battle, decided by the trigger alone.
    assert_eq!(
        decided("Gunmen attacked an army patrol near the border on Sunday."),
        (ArmedClash, None)
    );
    // Rioters who clash: a violent demonstration.
    assert_eq!(
        decided("Rioters clashed with police in the capital on Sunday."),
        (ViolentDemonstration, Some(("rioters".into(), ArmedClash)))
    );
    // Unarmed villagers fighting each other: mob violence.
    assert_eq!(
        decided("Residents clashed with clubs over grazing land on Sunday."),
        (MobViolence, Some(("unarmed_crowd".into(), ArmedClash)))
    );
    // One person is no crowd.
    assert_ne!(
        decided("Police said the child shot himself in the head on Sunday.").0,
        MobViolence
    );
    // The method decides whoever uses it: an air strike on a camp stays one.
    assert_eq!(
        decided("A drone strike hit a camp for displaced families on Sunday, killing six."),
        (AirDroneStrike, None)
    );
}

#[test]
fn a_raid_is_typed_by_what_its_sentence_reports() {
    use SubEventType::*;
    let types = |text: &str| {
        annotate(text)
            .event_mentions
            .unwrap()
            .iter()
            .map(|m| m.sub_event_type)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        types("Officers seized rifles and ammunition in a raid on a warehouse on Sunday."),
        vec![DisruptedWeaponsUse, DisruptedWeaponsUse]
    );
    assert_eq!(
        types("Troops arrested eleven men in raids on two farms on Sunday."),
        vec![Arrests, Arrests]
    );
    // With fighting and no arrest or seizure it stays a clash.
    assert!(
        types("Commandos killed three fighters in a raid on a hideout on Sunday.")
            .iter()
            .all(|t| *t == ArmedClash)
    );
}

#[test]
fn arms_found_surrenders_and_toxic_gas() {
    use SubEventType::*;
    assert_eq!(
        main_type("Soldiers discovered a store of rifles and ammunition in a farmhouse on Sunday."),
        DisruptedWeaponsUse
    );
    // Limbs are no arms.
    assert!(
        annotate("The victim was found with wounds to his arms and legs.")
            .event_mentions
            .unwrap_or_default()
            .is_empty()
    );
    assert_eq!(
        main_type(
            "A group of militiamen surrendered with their weapons at a checkpoint on Sunday."
        ),
        Agreement
    );
    assert_eq!(
        main_type("Insurgents released toxic gas into a tunnel held by the army on Sunday."),
        ChemicalWeapon
    );
}
