//! `--actors FILE` loads user actor dictionaries: PETRARCH/TABARI files (the Phoenix files in
//! ../shared/refdata) with their dated roles and synonyms, and the project's own TOML format;
//! a sample of each resolves.

mod common;
use common::*;

#[test]
fn phoenix_dictionaries_load_and_resolve() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("refdata/events/petrarch2/dictionaries");
    let mut args: Vec<String> = vec![
        "analyze".into(),
        "-".into(),
        "--json".into(),
        "--published".into(),
        "2004-06-01".into(),
    ];
    for f in [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
    ] {
        args.push("--actors".into());
        args.push(dir.join(f).to_str().unwrap().to_string());
    }
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    // Ansgar Gabrielsen (a Norwegian minister 2003-2005) is in the Phoenix country dictionary
    // with dated roles, not in ours
    let o = run(
        &argv,
        Some("Ansgar Gabrielsen met the Afghan delegation in Oslo.".as_bytes()),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    for f in [
        "Phoenix.Countries",
        "Phoenix.International",
        "Phoenix.MilNonState",
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(f) && l.contains("actors"))
            .unwrap_or_else(|| panic!("no load report for {f}: {err}"));
        let n: usize = line
            .split(": ")
            .find(|x| x.contains(" actors, "))
            .and_then(|x| x.split_whitespace().next())
            .and_then(|x| x.parse().ok())
            .unwrap_or(0);
        eprintln!("{line}");
        assert!(n > 500, "{f}: only {n} actors loaded");
    }
    let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let m = a["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| {
            m["actor"]["name"]
                .as_str()
                .is_some_and(|n| n.contains("Gabrielsen"))
        })
        .expect("Gabrielsen found");
    // on 2004-06-01 the role in force is [NORGOVBUS 030101-040731]
    assert_eq!(m["actor"]["code"], "NORGOVBUS", "{m}");
    assert_eq!(m["actor"]["principal"], "NOR", "{m}");
}

/// `--actors FILE.toml` reads the project's own format (the schema of data/actors/*.toml):
/// a person with dated offices resolves by the document's date, and a malformed file is a
/// usage error that names the file.
#[test]
fn a_user_dictionary_in_the_project_format_loads_and_resolves() {
    let dir = tempdir();
    let dict = dir.join("mine.toml");
    std::fs::write(
        &dict,
        r#"
[[person]]
name = "Ilse Brandhorst"
aliases = ["Brandhorst"]
[[person.role]]
title = "Ambassador of the Netherlands to Germany"
code = "NLDGOV"
to = "2017-01-01"
[[person.role]]
title = "European Commissioner"
code = "IGOEUREEC"
from = "2024-12-01"
"#,
    )
    .unwrap();
    let path = dict.to_str().unwrap();
    let text = "Ilse Brandhorst criticised Russia on Tuesday.";
    let code_on = |date: &str| -> String {
        let o = run(
            &[
                "analyze",
                "-",
                "--json",
                "--published",
                date,
                "--actors",
                path,
            ],
            Some(text.as_bytes()),
        );
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{err}");
        assert!(
            err.contains("mine.toml: 1 persons, 0 organisations, 2 names loaded"),
            "{err}"
        );
        let a: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let m = a["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["actor"]["name"] == "Ilse Brandhorst")
            .unwrap_or_else(|| panic!("Ilse Brandhorst not found: {a}"))
            .clone();
        m["actor"]["code"].as_str().unwrap().to_string()
    };
    assert_eq!(code_on("2015-03-01"), "NLDGOV");
    assert_eq!(code_on("2025-03-01"), "IGOEUREEC");

    std::fs::write(&dict, "[[persons]]\nname = \"X\"\n").unwrap();
    let o = run(&["analyze", "-", "--actors", path], Some(text.as_bytes()));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("mine.toml") && err.contains("persons"),
        "{err}"
    );
}
