//! One test per quotation form, each on a realistic news sentence, through the whole pipeline
//! (the quote stage needs the actor layer for its speakers).

use super::QuoteKind;
use crate::{Analysis, Analyzer, Options};
use std::sync::OnceLock;

fn analyze(text: &str) -> Analysis {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    let a = ANALYZER.get_or_init(|| Analyzer::new().expect("built-in data loads"));
    a.analyze(text.as_bytes(), &Options::default())
        .expect("a plain text analyses")
}

/// (kind, quoted text, speaker name, speaker code, cue)
type Q = (
    QuoteKind,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn quotes(text: &str) -> Vec<Q> {
    analyze(text)
        .quotes
        .iter()
        .map(|q| {
            (
                q.kind,
                q.text.clone(),
                q.speaker.as_ref().map(|s| s.name.to_string()),
                q.speaker.as_ref().map(|s| s.code.to_string()),
                q.cue.clone(),
            )
        })
        .collect()
}

/// The quote whose text starts with `start`.
fn find<'a>(q: &'a [Q], start: &str) -> &'a Q {
    q.iter()
        .find(|x| x.1.starts_with(start))
        .unwrap_or_else(|| panic!("no quote starting {start:?} in {q:?}"))
}

fn speaker<'a>(q: &'a [Q], start: &str) -> Option<&'a str> {
    find(q, start).2.as_deref()
}

#[test]
fn direct_quote_around_its_attribution_keeps_one_speaker() {
    let q = quotes(
        "Russian Deputy Foreign Minister Sergei Ryabkov spoke after the talks in Geneva. “We are ready to continue the dialogue,” he said. “But our proposals are not a menu.”",
    );
    assert_eq!(q.len(), 2, "{q:?}");
    for x in &q {
        assert_eq!(x.0, QuoteKind::Direct, "{q:?}");
        assert_eq!(x.2.as_deref(), Some("Sergei Ryabkov"), "{q:?}");
        assert_eq!(x.3.as_deref(), Some("RUSGOV"), "{q:?}");
    }
}

#[test]
fn nested_quotes_stay_inside_the_outer_quotation() {
    let q = quotes(
        "“The Russians keep telling us that ‘the door is closed’, and we do not accept that,” Secretary of State Antony Blinken said.",
    );
    assert_eq!(
        q.len(),
        1,
        "the inner quote is part of the outer one: {q:?}"
    );
    assert!(q[0].1.contains("‘the door is closed’"), "{q:?}");
    assert!(q[0].1.ends_with("accept that,"), "{q:?}");
    assert_eq!(q[0].2.as_deref(), Some("Antony Blinken"), "{q:?}");
}

#[test]
fn every_mark_style_pairs_and_attributes() {
    for (open, close) in [
        ("“", "”"),
        ("\"", "\""),
        ("'", "'"),
        ("‘", "’"),
        ("«", "»"),
        ("„", "“"),
        ("‹", "›"),
        ("``", "''"),
    ] {
        let text = format!(
            "Kremlin spokesman Dmitry Peskov said: {open}Moscow will wait for a written answer.{close} The talks ended on Friday."
        );
        let q = quotes(&text);
        assert_eq!(q.len(), 1, "{open}{close}: {q:?}");
        assert_eq!(
            q[0].1, "Moscow will wait for a written answer.",
            "{open}{close}: {q:?}"
        );
        assert_eq!(q[0].2.as_deref(), Some("Dmitry Peskov"), "{open}{close}");
    }
}

#[test]
fn an_unbalanced_mark_loses_neither_quotes_nor_events_after_it() {
    let a = analyze(
        "He said “we are ready to talk.\n\nRussia imposed sanctions on Ukraine on Monday. “We will respond,” Ukrainian President Volodymyr Zelensky said.",
    );
    let q: Vec<_> = a.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(q, ["We will respond,"], "{q:?}");
    assert!(
        a.events
            .iter()
            .any(|e| e.source.principal.as_deref() == Some("RUS")
                && e.target.principal.as_deref() == Some("UKR")
                && e.cameo.starts_with("16")),
        "the sanction after the stray mark is still coded: {:?}",
        a.events
    );
}

#[test]
fn indirect_speech_with_each_cue() {
    let cases = [
        (
            "Jens Stoltenberg warned that any further aggression would come at a high price.",
            "warned",
            "any further aggression",
            "Jens Stoltenberg",
        ),
        (
            "Sergei Lavrov told reporters that Moscow had received no written answer.",
            "told reporters",
            "Moscow had received",
            "Sergey Lavrov",
        ),
        (
            "Dmitry Peskov claimed that the troops were on exercises far from the border.",
            "claimed",
            "the troops were",
            "Dmitry Peskov",
        ),
        (
            "Antony Blinken insisted that the alliance would not close its door.",
            "insisted",
            "the alliance would",
            "Antony Blinken",
        ),
        (
            "Sergei Shoigu denied that Russian forces had shelled the village.",
            "denied",
            "Russian forces had",
            "Sergei Shoigu",
        ),
        (
            "Volodymyr Zelensky said in a statement that Kyiv would not give up any territory.",
            "said",
            "Kyiv would not",
            "Volodymyr Zelensky",
        ),
    ];
    for (text, cue, start, who) in cases {
        let q = quotes(text);
        let x = find(&q, start);
        assert_eq!(x.0, QuoteKind::Indirect, "{text}: {q:?}");
        assert_eq!(x.2.as_deref(), Some(who), "{text}: {q:?}");
        assert!(
            x.4.as_deref().is_some_and(|c| c.starts_with(cue)),
            "{text}: {q:?}"
        );
        assert!(!x.1.ends_with('.'), "the clause stops before the full stop");
    }
}

#[test]
fn according_to_names_the_source() {
    let q = quotes(
        "Russia will hold new exercises in Belarus next month, according to Defence Minister Sergei Shoigu.",
    );
    assert!(
        q.iter().any(|x| x.0 == QuoteKind::Indirect
            && x.2.as_deref() == Some("Sergei Shoigu")
            && x.4.as_deref() == Some("according to")),
        "{q:?}"
    );
}

#[test]
fn according_to_a_document_or_an_outlet_is_not_speech() {
    let q = quotes(
        "The rouble weakened sharply in the past week, according to data from the central bank. The talks failed, according to The Washington Post. Kyiv is ready to talk, according to two people familiar with the matter.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].1, "Kyiv is ready to talk");
    assert_eq!(
        q[0].2.as_deref(),
        Some("two people familiar with the matter")
    );
}

#[test]
fn a_spokesperson_speaks_for_the_one_named_before() {
    let q = quotes(
        "The Kremlin's spokesperson said that President Vladimir Putin had no plans to meet Zelensky.",
    );
    let x = find(&q, "President Vladimir Putin");
    assert_eq!(x.0, QuoteKind::Indirect, "{q:?}");
    assert!(
        x.3.as_deref().is_some_and(|c| c.starts_with("RUS")),
        "the Kremlin's spokesperson speaks for Russia: {q:?}"
    );
}

#[test]
fn an_agency_is_a_cited_source_never_a_speaker() {
    let a = analyze(
        "“Russia is ready to talk,” Deputy Foreign Minister Sergei Ryabkov told reporters, RBC reports. Bloomberg News reported on Friday that the ministry was preparing new proposals.",
    );
    assert!(a.document.cited_sources.iter().any(|s| s == "RBC"));
    let q: Vec<_> = a
        .quotes
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_ref().map(|s| s.name.as_str())))
        .collect();
    assert_eq!(q, [("Russia is ready to talk,", Some("Sergei Ryabkov"))]);
}

#[test]
fn a_pronoun_speaker_is_the_last_subject_named_not_the_object() {
    let q = quotes(
        "Russian Foreign Minister Sergei Lavrov met Antony Blinken in Geneva on Friday. “We have received no answer to our main question,” he said.",
    );
    assert_eq!(q.len(), 1, "{q:?}");
    assert_eq!(q[0].2.as_deref(), Some("Sergey Lavrov"), "{q:?}");
    assert_eq!(q[0].3.as_deref(), Some("RUSGOV"), "{q:?}");
}

#[test]
fn a_quotation_that_ends_its_sentence_takes_the_attribution_that_follows() {
    let q = quotes(
        "President Donald Trump backed the governor. “He has done a wonderful job for Kentucky!” Trump tweeted before Election Day. “Get out and vote on November 5th!” Trump sent a similar message in Virginia.",
    );
    assert_eq!(speaker(&q, "He has done"), Some("Donald Trump"), "{q:?}");
    assert_eq!(find(&q, "He has done").4.as_deref(), Some("tweeted"));
    // no cue: it continues the previous speaker
    assert_eq!(speaker(&q, "Get out"), Some("Donald Trump"), "{q:?}");
    // a new report is not an attribution of the quotation before it
    let q = quotes("“We are ready.” Jones said the talks would go on.");
    assert_eq!(find(&q, "We are ready").2, None, "{q:?}");
}

#[test]
fn unknown_speakers_in_the_slot_after_the_quotation() {
    let q = quotes(
        "“This is mainly due to the change in wind direction,” Kurinji Selvaraj, a research analyst at the Delhi-based Council on Energy, Environment and Water think tank told CBS News. \"What is really fun to think about is water,\" JPL scientist and study co-author Michael Malaska said. \"I played one of the best matches of the year,\" the 14th-ranked Schwartzman said. “If we were any higher, we’d be North Dakota,” one user quipped.",
    );
    assert_eq!(speaker(&q, "This is mainly"), Some("Kurinji Selvaraj"));
    assert_eq!(find(&q, "This is mainly").4.as_deref(), Some("told CBS"));
    assert_eq!(speaker(&q, "What is really"), Some("Michael Malaska"));
    assert_eq!(speaker(&q, "I played"), Some("Schwartzman"));
    assert_eq!(speaker(&q, "If we were"), Some("one user"));
}

#[test]
fn shares_of_a_group_and_partly_known_names_are_named_as_written() {
    let q = quotes(
        "An overwhelming 70 percent of Americans say that the offense was wrong. The National Institute on Drug Abuse has also estimated that 964,000 people reported a disorder in 2017.",
    );
    assert_eq!(
        speaker(&q, "the offense"),
        Some("An overwhelming 70 percent of Americans")
    );
    assert_eq!(find(&q, "the offense").3.as_deref(), Some(""));
    assert_eq!(
        speaker(&q, "964,000 people"),
        Some("National Institute on Drug Abuse")
    );
}

#[test]
fn a_relative_of_a_named_person_is_not_that_person() {
    let q = quotes(
        "Webb was convicted on Monday. The victim's mother testified, describing her daughter as \"brave, strong, and smart\" before describing the \"physical fight\" for her life.",
    );
    assert_eq!(
        q.len(),
        1,
        "the two-word scare quote is not a quotation: {q:?}"
    );
    assert_eq!(q[0].0, QuoteKind::Partial);
    assert_eq!(q[0].2.as_deref(), Some("The victim's mother"), "{q:?}");
}

#[test]
fn a_name_after_the_cue_and_a_title_before_a_known_name() {
    let q = quotes(
        "\"Organics are very important for the possibility of life on Titan,\" said planetary geologist Rosaly Lopes of NASA's Jet Propulsion Laboratory. Relations between Russia and NATO are “at a critically low level,” as stated by the Russian Deputy Defence Minister Alexander Fomin after the meeting.",
    );
    assert_eq!(speaker(&q, "Organics"), Some("Rosaly Lopes"), "{q:?}");
    assert_eq!(
        speaker(&q, "at a critically"),
        Some("Alexander Fomin"),
        "{q:?}"
    );
    assert_eq!(find(&q, "at a critically").3.as_deref(), Some("RUSGOVMIL"));
}

#[test]
fn channels_and_absolute_clauses_do_not_give_a_speaker() {
    // "via USA Today" is the channel; "with forecasters warning" has its own, unnamed, subject
    let q = quotes(
        "Richardson, via USA Today, said that Rudolph \"can't antagonize a fight and then claim bullying.\" Smoke is set to descend upon the residents of Delhi this week, with forecasters warning that air pollution will reach severe levels.",
    );
    assert!(
        q.iter().all(|x| x
            .3
            .as_deref()
            .is_none_or(|c| !c.starts_with("USA") && !c.starts_with("IND"))),
        "{q:?}"
    );
}

#[test]
fn a_quoted_heading_does_not_continue_the_previous_speaker() {
    let q = quotes(
        "“All U.S. interventions in the region are indirect and sparse,” Charles Simpson said.\n\n“… prevent the evacuation of the Syrian civilians from the camp”\n\n“We are afraid to return,” the source said.",
    );
    assert_eq!(speaker(&q, "All U.S."), Some("Charles Simpson"), "{q:?}");
    assert_eq!(speaker(&q, "… prevent"), None, "{q:?}");
}

#[test]
fn a_speaker_and_an_apposition_between_commas_before_the_cue() {
    let q = quotes(
        "“The evidence is not strong enough,” Sweden’s deputy director of public prosecutions, Eva-Marie Persson, said on Tuesday. “The mission accomplished the whole thing with one launch,” Stafford, a member of the Apollo 10 crew, responded. \"The house should send an unmistakable signal,\" Interior Minister Wolfgang Peschorn, who serves in a provisional government, said in the statement. \"This is how epidemics begin,\" Dr. Luz Contreras Arroyo, a member of the group, told NBC News.",
    );
    // a role named by the person in its apposition: that person, with the role's code
    assert_eq!(
        speaker(&q, "The evidence"),
        Some("Eva-Marie Persson"),
        "{q:?}"
    );
    assert_eq!(find(&q, "The evidence").3.as_deref(), Some("SWEGOV"));
    // one unknown word before the apposition is a name
    assert_eq!(speaker(&q, "The mission"), Some("Stafford"), "{q:?}");
    // a title before a person, then a relative clause
    assert_eq!(speaker(&q, "The house"), Some("Wolfgang Peschorn"), "{q:?}");
    // a title and its period before an unknown name
    assert!(
        speaker(&q, "This is how").is_some_and(|s| s.ends_with("Luz Contreras Arroyo")),
        "{q:?}"
    );
}

#[test]
fn one_word_names_adverbs_and_modifiers_around_the_cue() {
    let q = quotes(
        "“Can I give it to James?” Brooke tearfully asked before apologizing. “He has me thinking now,” said Sowers, who is also considering other candidates. \"I was unable to stand,\" wrote 43-year-old Martin Taylor of Aberdeenshire in a case study. \"It is over,\" said Rep. Brian Babin.",
    );
    assert_eq!(speaker(&q, "Can I give"), Some("Brooke"), "{q:?}");
    assert_eq!(speaker(&q, "He has me"), Some("Sowers"), "{q:?}");
    assert_eq!(speaker(&q, "I was unable"), Some("Martin Taylor"), "{q:?}");
    // a title alone is not a name
    assert_ne!(speaker(&q, "It is over"), Some("Rep"), "{q:?}");
    // a weekday after the cue is not a speaker
    let q = quotes("\"The talks are over,\" said Monday's statement.");
    assert_ne!(speaker(&q, "The talks"), Some("Monday"), "{q:?}");
}

#[test]
fn a_short_quotation_attributed_at_once_and_its_continuation() {
    let q = quotes(
        "“Amazing,” Davis said. “To be able to do that against every team is something special.”\n\n“No,” he said.",
    );
    assert_eq!(speaker(&q, "Amazing"), Some("Davis"), "{q:?}");
    assert_eq!(speaker(&q, "To be able"), Some("Davis"), "{q:?}");
    // a one-word answer with only a pronoun to name its speaker is not counted
    assert!(q.iter().all(|x| x.1 != "No,"), "{q:?}");
}

#[test]
fn two_single_marks_close_a_double_one() {
    let q = quotes(
        "“It was an attempt to mislead voters,’’ Will Moy, chief executive of the fact-checking website Full Fact, told the BBC.",
    );
    assert_eq!(speaker(&q, "It was an attempt"), Some("Will Moy"), "{q:?}");
    assert_eq!(
        find(&q, "It was an attempt").1,
        "It was an attempt to mislead voters,"
    );
}

#[test]
fn an_unknown_name_before_the_verb_is_its_subject() {
    // "Volkswagen" is the subject, not the place before the comma
    let q = quotes(
        "In the US, Volkswagen estimates that the range could be more like 300 miles. Vladimir Putin and Morrison said that the call with Zelensky was not in line with their goals.",
    );
    assert!(
        q.iter()
            .filter(|x| x.1.contains("300 miles"))
            .all(|x| x.3.as_deref().is_none_or(|c| !c.starts_with("USA"))),
        "{q:?}"
    );
    // a name joined by "and" leaves the subject to the first
    assert!(
        speaker(&q, "the call with").is_some_and(|s| s.contains("Putin")),
        "{q:?}"
    );
}

#[test]
fn a_body_speaking_as_it_and_a_speaker_located_by_a_place() {
    // "it" is the ministry named as the subject before, not the capital inside the quotation
    // or the ambassador in object position
    let q = quotes(
        "The Russian Foreign Ministry summoned the British ambassador on Monday. \"London's actions are unacceptable,\" it said in a statement. The Chinese embassy in London called the report \"a pack of lies\".",
    );
    assert_eq!(
        find(&q, "London's actions").3.as_deref(),
        Some("RUSGOV"),
        "{q:?}"
    );
    assert_eq!(
        find(&q, "a pack of lies").3.as_deref(),
        Some("CHNGOV"),
        "{q:?}"
    );
}

#[test]
fn a_reported_clause_without_that() {
    let q = quotes(
        "Wendy Sherman met Sergei Ryabkov in Geneva. Sherman told a news conference that the United States had rejected the proposals. She said Washington would not allow anyone to close the door. Russia announced it would suspend all ties with the bloc.",
    );
    assert_eq!(
        speaker(&q, "the United States had"),
        Some("Wendy Sherman"),
        "{q:?}"
    );
    assert_eq!(
        speaker(&q, "Washington would not"),
        Some("Wendy Sherman"),
        "{q:?}"
    );
    assert_eq!(find(&q, "Washington would not").0, QuoteKind::Indirect);
    // an announced act is not reported speech when no "that" introduces it
    assert!(
        q.iter().all(|x| !x.1.starts_with("it would suspend")),
        "{q:?}"
    );
}

#[test]
fn a_cue_coordinated_with_an_earlier_verb_has_its_subject() {
    // "X accused Y of ... and said ...": X speaks, not the object nearest the cue (nor a noun
    // such as "signals" read as a cue)
    let q = quotes(
        "China's foreign ministry spokesperson Wang Wenbin accused the United States of sending wrong signals to Taiwan independence forces and said Beijing would take resolute measures.",
    );
    let x = find(&q, "Beijing would take");
    assert_eq!(x.2.as_deref(), Some("Wang Wenbin"), "{q:?}");
    let q = quotes(
        "China's ambassador to Britain accused the UK and the US of meddling in the country's affairs and warned that the Chinese government would not sit on its hands.",
    );
    let x = find(&q, "the Chinese government");
    assert_eq!(x.3.as_deref(), Some("CHNGOV"), "{q:?}");
}
