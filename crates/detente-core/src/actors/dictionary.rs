//! The built-in actor dictionaries (`data/actors/*.toml`): countries, organisations, officials
//! with dated roles, and role words; compiled into one matcher over surface forms.
//! User dictionaries in the same format can be added with [`Dictionary::extend_toml`].

use super::{Actor, Name};
use crate::date::Date;
use crate::error::{Error, Result};
use crate::inflect;
use crate::lexicon::{Text, parse_builtin};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::borrow::Cow;

const COUNTRIES: crate::lexicon::Packed = crate::builtin_data!("actors/countries");
const ORGANIZATIONS: crate::lexicon::Packed = crate::builtin_data!("actors/organizations");
const OFFICIALS: crate::lexicon::Packed = crate::builtin_data!("actors/officials");
const ROLES: crate::lexicon::Packed = crate::builtin_data!("actors/roles");
const GROUPS: crate::lexicon::Packed = crate::builtin_data!("actors/groups");
const PLACES: crate::lexicon::Packed = crate::builtin_data!("actors/places");
const LEADERS: crate::lexicon::Packed = crate::builtin_data!("actors/leaders");

// The files' entries borrow their strings from the built-in data (`&'a str`, [`Text`]): only
// what the dictionary keeps is copied. (A [`Text`] where a user's TOML may hold it: the
// parser gives an owned string when it unescapes one.)

#[derive(Deserialize)]
struct GroupFile<'a> {
    #[serde(borrow)]
    group: Vec<Organization<'a>>,
}

#[derive(Deserialize)]
struct PlaceFile<'a> {
    #[serde(borrow)]
    place: Vec<PlaceEntry<'a>>,
}
#[derive(Deserialize)]
struct PlaceEntry<'a> {
    country: &'a str,
    #[serde(borrow)]
    names: Vec<&'a str>,
    #[serde(default, borrow)]
    adjectives: Vec<&'a str>,
    #[serde(default, borrow)]
    ambiguous: Vec<&'a str>,
}

#[derive(Deserialize)]
struct CountryFile<'a> {
    #[serde(borrow)]
    country: Vec<Country<'a>>,
}
#[derive(Deserialize, Clone)]
struct Country<'a> {
    code: &'a str,
    name: &'a str,
    #[serde(default, borrow)]
    names: Vec<&'a str>,
    #[serde(default, borrow)]
    acronyms: Vec<&'a str>,
    #[serde(default, borrow)]
    adjectives: Vec<&'a str>,
    #[serde(default, borrow)]
    peoples: Vec<&'a str>,
    #[serde(default, borrow)]
    demonyms: Vec<&'a str>,
    #[serde(default, borrow)]
    capitals: Vec<&'a str>,
    #[serde(default, borrow)]
    metonyms: Vec<&'a str>,
    #[serde(default, borrow)]
    legislature: Vec<&'a str>,
    #[serde(default, borrow)]
    military: Vec<&'a str>,
    #[serde(default, borrow)]
    agencies: Vec<&'a str>,
    #[serde(default, borrow)]
    intelligence: Vec<&'a str>,
    #[serde(default, borrow)]
    police: Vec<&'a str>,
    #[serde(default, borrow)]
    ambiguous: Vec<&'a str>,
}

#[derive(Deserialize)]
struct OrgFile<'a> {
    #[serde(borrow)]
    organization: Vec<Organization<'a>>,
}
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct Organization<'a> {
    /// "igo", "ngo", "court", "financial" (see organizations.toml): for reviewers, not read by
    /// the matcher.
    #[serde(default, borrow)]
    #[allow(dead_code)]
    kind: Option<Text<'a>>,
    #[serde(borrow)]
    code: Text<'a>,
    #[serde(borrow)]
    principal: Text<'a>,
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(default, borrow)]
    names: Vec<Text<'a>>,
    #[serde(default, borrow)]
    acronyms: Vec<Text<'a>>,
    #[serde(default, borrow)]
    adjectives: Vec<Text<'a>>,
    #[serde(default, borrow)]
    nouns: Vec<Text<'a>>,
    #[serde(default, borrow)]
    seats: Vec<Text<'a>>,
}

impl Organization<'_> {
    fn into_static(self) -> Organization<'static> {
        let all = |v: Vec<Text>| v.into_iter().map(Text::into_static).collect();
        Organization {
            kind: self.kind.map(Text::into_static),
            code: self.code.into_static(),
            principal: self.principal.into_static(),
            name: self.name.into_static(),
            names: all(self.names),
            acronyms: all(self.acronyms),
            adjectives: all(self.adjectives),
            nouns: all(self.nouns),
            seats: all(self.seats),
        }
    }
}

#[derive(Deserialize)]
struct PersonFile<'a> {
    #[serde(borrow)]
    person: Vec<PersonEntry<'a>>,
}
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct PersonEntry<'a> {
    #[serde(borrow)]
    name: Text<'a>,
    #[serde(default, borrow)]
    aliases: Vec<Text<'a>>,
    #[serde(default, borrow)]
    gender: Option<Text<'a>>,
    #[serde(default, borrow)]
    role: Vec<RoleEntry<'a>>,
}
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RoleEntry<'a> {
    #[serde(default, borrow)]
    title: Text<'a>,
    #[serde(borrow)]
    code: Text<'a>,
    /// Empty in a user's file: the principal the code implies.
    #[serde(default, borrow)]
    principal: Text<'a>,
    #[serde(default, borrow)]
    from: Option<Text<'a>>,
    #[serde(default, borrow)]
    to: Option<Text<'a>>,
}

impl PersonEntry<'_> {
    fn into_static(self) -> PersonEntry<'static> {
        PersonEntry {
            name: self.name.into_static(),
            aliases: self.aliases.into_iter().map(Text::into_static).collect(),
            gender: self.gender.map(Text::into_static),
            role: self
                .role
                .into_iter()
                .map(|r| RoleEntry {
                    title: r.title.into_static(),
                    code: r.code.into_static(),
                    principal: r.principal.into_static(),
                    from: r.from.map(Text::into_static),
                    to: r.to.map(Text::into_static),
                })
                .collect(),
        }
    }
}

/// A user's dictionary in the project's format (`--actors FILE.toml`): unknown tables are
/// an error, so a misspelt `[[persons]]` does not load nothing in silence.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UserFile<'a> {
    #[serde(default, borrow)]
    person: Vec<PersonEntry<'a>>,
    #[serde(default, borrow)]
    organization: Vec<Organization<'a>>,
    #[serde(default, borrow)]
    group: Vec<Organization<'a>>,
}

#[derive(Deserialize)]
struct RoleFile<'a> {
    #[serde(borrow)]
    head: Vec<RoleWords<'a>>,
    #[serde(borrow)]
    modifier: Vec<RoleWords<'a>>,
}
#[derive(Deserialize)]
struct RoleWords<'a> {
    #[serde(borrow)]
    words: Vec<&'a str>,
    code: &'a str,
    #[serde(default)]
    person: bool,
    #[serde(default)]
    weapon: bool,
}

/// What a surface form in the dictionary stands for.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Entry {
    /// A country's name, acronym or demonym.
    Country(usize),
    /// A nationality adjective ("Russian").
    Adjective(usize),
    /// A capital city, used as a metonym for the government when not a place.
    Capital(usize),
    /// A seat of power ("the Kremlin"): the government.
    Seat(usize),
    /// A named national body with an agent code ("the State Duma": LEG).
    Body(usize, &'static str),
    /// An organisation's name or acronym.
    Org(usize),
    /// A person from the officials dictionary.
    Person(usize),
    /// An entry of a user's PETRARCH dictionary (a person when it has dated roles).
    User(usize),
    /// A region, province or city of a country (a place, not an actor by itself).
    Place(usize),
}

/// A dated role of a person (made by [`Role::new`]).
#[derive(Clone, Debug)]
pub struct Role {
    pub title: String,
    pub code: Name,
    pub principal: Name,
    pub from: Option<Date>,
    pub to: Option<Date>,
    /// `from` and `to` as day numbers ([`Date::days`]: `None` for a partial date or none),
    /// worked out once: [`Person::role_on`] compares them, for every role of a known person
    /// at every mention of that person.
    from_day: Option<i64>,
    to_day: Option<i64>,
}

impl Role {
    /// A role held from `from` to `to` (either open).
    pub fn new(
        title: String,
        code: Name,
        principal: Name,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Role {
        Role {
            title,
            code,
            principal,
            from,
            to,
            from_day: from.and_then(|f| f.days()),
            to_day: to.and_then(|t| t.days()),
        }
    }
}

/// A person of the officials dictionary.
#[derive(Clone, Debug)]
pub struct Person {
    pub name: Name,
    pub female: Option<bool>,
    pub roles: Vec<Role>,
}

/// A date as a day number; a month alone counts from its first day, a year alone from July 1.
fn day_of(d: Date) -> Option<i64> {
    d.days()
        .or_else(|| Date::ymd(d.year, d.month.unwrap_or(7), 1)?.days())
}

impl Person {
    /// The role in force on `date`, its last day included (the day a leader resigns is still
    /// one of the leader's); the latest role when the date is unknown.
    pub fn role_on(&self, date: Option<Date>) -> Option<&Role> {
        let Some(d) = date.and_then(day_of) else {
            return self
                .roles
                .iter()
                .max_by_key(|r| r.from_day.unwrap_or(i64::MIN));
        };
        self.roles
            .iter()
            .filter(|r| r.from_day.is_none_or(|f| f <= d) && r.to_day.is_none_or(|t| d <= t))
            .max_by_key(|r| r.from_day.unwrap_or(i64::MIN))
    }

    /// How strongly a bare shared surname means this person on `date`: in office then (2),
    /// else out of a past office (1, the later its end the stronger), else not yet in any
    /// (0). "Bush" in 1990 is George H. W. Bush, in 2005 George W. Bush.
    pub fn standing_on(&self, date: Option<Date>) -> (u8, i64) {
        if let Some(r) = self.role_on(date) {
            return (2, r.from_day.unwrap_or(i64::MIN));
        }
        let Some(d) = date.and_then(day_of) else {
            return (0, 0);
        };
        self.roles
            .iter()
            .filter_map(|r| r.to_day.filter(|&t| t < d))
            .max()
            .map_or((0, 0), |t| (1, t))
    }

    /// The actor this person acts for on `date`. After a state's office has ended, a former
    /// official is one of that state's elite (CAMEO's ELI: "Theresa May" in 2022 is GBRELI);
    /// before any office, the person is nobody's.
    pub fn actor_on(&self, date: Option<Date>) -> Actor {
        if let Some(r) = self.role_on(date) {
            return Actor {
                name: self.name.clone(),
                code: r.code.clone(),
                principal: Some(r.principal.clone()),
            };
        }
        let former = date.and_then(|d| {
            let d = day_of(d)?;
            self.roles
                .iter()
                .filter(|r| {
                    r.principal.len() == 3
                        && r.code.starts_with(r.principal.as_str())
                        && r.to_day.is_some_and(|t| t < d)
                })
                .max_by_key(|r| r.to_day)
        });
        match former {
            Some(r) => Actor {
                name: self.name.clone(),
                code: super::concat(&r.principal, "ELI"),
                principal: Some(r.principal.clone()),
            },
            None => Actor {
                name: self.name.clone(),
                code: Name::default(),
                principal: None,
            },
        }
    }
}

/// A role noun or modifier.
#[derive(Clone, Debug)]
pub struct RoleWord {
    pub code: String,
    pub person: bool,
    /// A weapon or war machine ("missiles", "warplanes"): it belongs to whoever the text says
    /// owns it, never to the place it strikes.
    pub weapon: bool,
}

/// A role head as the role pass looks it up: its word, and whether the same words are also a
/// modifier ("armed forces").
#[derive(Clone, Debug)]
pub struct HeadEnd {
    pub word: RoleWord,
    pub modifier: bool,
}

/// One state or organisation as an actor.
#[derive(Clone, Debug)]
pub struct Unit {
    pub name: Name,
    pub code: Name,
    pub principal: Name,
    pub is_org: bool,
}

/// The codes of the organisations a description noun describes: the codes, the longest's
/// length, and a bit for each length under 64 that a code has (only prefixes of those lengths
/// are looked up).
#[derive(Debug, Default)]
pub struct NounCodes {
    codes: rustc_hash::FxHashSet<Name>,
    longest: usize,
    lengths: u64,
}

/// A filter of strings by their first byte and length: for each first byte, a bit for each
/// length (63 and more share the last) that a string of the set with that byte has. A string
/// it does not hold is in no such set; one it holds is looked up.
#[derive(Debug)]
struct Shapes(Vec<u64>);

impl Default for Shapes {
    fn default() -> Self {
        Shapes(vec![0; 256])
    }
}

impl Shapes {
    fn add(&mut self, s: &str) {
        if let Some(&b) = s.as_bytes().first() {
            self.0[b as usize] |= 1 << s.len().min(63);
        }
    }

    /// Whether a string of `s`'s first byte and length was added (never for "").
    #[inline]
    fn may_hold(&self, s: &str) -> bool {
        s.as_bytes()
            .first()
            .is_some_and(|&b| self.0[b as usize] >> s.len().min(63) & 1 == 1)
    }
}

/// Given name -> (person, byte offset of the surname in the name, surname's length in
/// characters).
type GivenNames = rustc_hash::FxHashMap<String, Vec<(usize, usize, usize)>>;

/// All actor dictionaries, ready to match.
pub struct Dictionary {
    pub countries: Vec<Unit>,
    /// The countries' codes, for [`Dictionary::is_country`] (asked for every mention of a
    /// sentence, too often to scan `countries`).
    country_codes: rustc_hash::FxHashSet<String>,
    /// The organisations' codes, for [`Dictionary::has_org_prefix`].
    org_codes: rustc_hash::FxHashSet<String>,
    pub orgs: Vec<Unit>,
    pub persons: Vec<Person>,
    /// Surface form -> entries (a form may mean a person's alias and something else).
    forms: Vec<(Cow<'static, str>, Entry)>,
    /// Strings that need more context.
    pub ambiguous: rustc_hash::FxHashSet<String>,
    /// The shapes of the `ambiguous` strings (made with the matcher): most matches are told
    /// apart from every ambiguous string without hashing.
    ambiguous_shapes: Shapes,
    /// The shapes of the first words of the [`Dictionary::org_nouns`], "country" and
    /// "nation" (made with the matcher): the words a description's noun may begin with.
    org_noun_firsts: Shapes,
    /// One-word country names, lowercased, with every form of them missing one letter: for
    /// names written with a letter left out or one too many ("Ethopia", "Afganistan",
    /// "Quatar"). Values are (country, whether the key is the whole name).
    pub variants: HashMap<String, Vec<(usize, bool)>>,
    /// (first byte, last byte, length) of the ASCII whole names among `variants`' keys.
    whole_shapes: rustc_hash::FxHashSet<(u8, u8, usize)>,
    /// City -> organisations seated there ("Brussels" -> NATO, EU).
    pub seats: HashMap<String, Vec<usize>>,
    /// Role heads by lowercase token sequence, the tokens joined by spaces ("deputy secretary
    /// of state", "secretary - general"; see [`head_key`]): a run of tokens is looked up as a
    /// slice of one string, with no key built per lookup.
    pub heads: HashMap<String, RoleWord>,
    /// The longest head, in tokens.
    pub max_head_len: usize,
    /// First words of role heads, to skip tokens cheaply.
    pub head_starts: rustc_hash::FxHashSet<String>,
    pub modifiers: HashMap<String, RoleWord>,
    /// The keys of [`Dictionary::heads`] as a trie over their words, for the role pass.
    pub head_trie: super::headtrie::WordTrie<HeadEnd>,
    /// Organisation description nouns ("alliance" -> orgs that are called so).
    pub org_nouns: HashMap<String, Vec<usize>>,
    /// The same nouns -> the codes of those organisations and the longest of them (built with
    /// the matcher, after every source is added): whether
    /// an actor's code starts with one is a few lookups of its prefixes, not a comparison
    /// with each of the hundreds of groups a noun like "the group" may describe.
    pub org_noun_codes: HashMap<String, NounCodes>,
    trie: super::trie::FormTrie,
    /// User entries (PETRARCH dictionaries): matched case-insensitively, capitalised in text.
    pub users: Vec<Person>,
    user_forms: Vec<(String, Entry)>,
    user_matcher: Option<AhoCorasick>,
    /// Given name -> persons whose full name starts with it (with where their surname
    /// starts in the name and its length in characters), built on first use (only documents
    /// with an unknown capitalised name pair need it).
    given_names: std::sync::OnceLock<GivenNames>,
}

impl Dictionary {
    /// The built-in dictionaries.
    pub fn builtin() -> Result<Self> {
        // the leaders file is half of the data: it is read on a second thread while the
        // others are read, and the dictionary built from them, here
        let (d, leaders, places) = std::thread::scope(|sc| {
            let leaders =
                sc.spawn(|| parse_builtin::<PersonFile>("data/actors/leaders.toml", LEADERS));
            let built = (|| {
                let officials: PersonFile = parse_builtin("data/actors/officials.toml", OFFICIALS)?;
                let countries: CountryFile =
                    parse_builtin("data/actors/countries.toml", COUNTRIES)?;
                let orgs: OrgFile = parse_builtin("data/actors/organizations.toml", ORGANIZATIONS)?;
                let roles: RoleFile = parse_builtin("data/actors/roles.toml", ROLES)?;
                let groups: GroupFile = parse_builtin("data/actors/groups.toml", GROUPS)?;
                let mut orgs = orgs.organization;
                orgs.extend(groups.group);
                Self::build(countries.country, orgs, officials.person, roles)
            })();
            let places = parse_builtin::<PlaceFile>("data/actors/places.toml", PLACES);
            let leaders = leaders
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (built, leaders, places)
        });
        let mut d = d?;
        // (after the officials, as when they were one list)
        for p in leaders?.person {
            d.add_person("data/actors/leaders.toml", p)?;
        }
        // (a map, not a scan of the countries for each of the ~2,000 places)
        let mut country_at: HashMap<Name, usize> = HashMap::default();
        for (i, c) in d.countries.iter().enumerate() {
            country_at.entry(c.code.clone()).or_insert(i);
        }
        for p in places?.place {
            let Some(&ci) = country_at.get(p.country) else {
                return Err(Error::Data {
                    file: "data/actors/places.toml".into(),
                    message: format!("unknown country {:?} for {:?}", p.country, p.names),
                });
            };
            for n in p.names.iter().chain(&p.adjectives) {
                d.add_static(n, Entry::Place(ci));
            }
            d.ambiguous
                .extend(p.ambiguous.iter().map(|a| a.to_string()));
        }
        d.rebuild()?;
        Ok(d)
    }

    fn build(
        countries: Vec<Country<'static>>,
        orgs: Vec<Organization<'static>>,
        persons: Vec<PersonEntry<'static>>,
        roles: RoleFile<'static>,
    ) -> Result<Self> {
        let mut d = Dictionary {
            countries: Vec::new(),
            country_codes: Default::default(),
            org_codes: Default::default(),
            orgs: Vec::new(),
            persons: Vec::new(),
            forms: Vec::new(),
            ambiguous: Default::default(),
            ambiguous_shapes: Shapes::default(),
            org_noun_firsts: Shapes::default(),
            variants: HashMap::default(),
            whole_shapes: Default::default(),
            seats: HashMap::default(),
            heads: HashMap::default(),
            max_head_len: 1,
            head_starts: Default::default(),
            modifiers: HashMap::default(),
            head_trie: Default::default(),
            org_nouns: HashMap::default(),
            org_noun_codes: HashMap::default(),
            trie: Default::default(),
            users: Vec::new(),
            user_forms: Vec::new(),
            user_matcher: None,
            given_names: Default::default(),
        };
        for c in countries {
            let i = d.countries.len();
            for &n in c.names.iter().chain(std::iter::once(&c.name)) {
                if n.chars().count() >= SPELLING_MIN
                    && !n.contains(' ')
                    && !c.ambiguous.contains(&n)
                {
                    let whole = std::iter::once((n.to_lowercase(), true));
                    for (v, is_whole) in whole.chain(deletions(n).into_iter().map(|v| (v, false))) {
                        let e = d.variants.entry(v).or_default();
                        if !e.contains(&(i, is_whole)) {
                            e.push((i, is_whole));
                        }
                    }
                }
            }
            d.country_codes.insert(c.code.to_string());
            d.countries.push(Unit {
                name: c.name.into(),
                code: c.code.into(),
                principal: c.code.into(),
                is_org: false,
            });
            for n in c
                .names
                .iter()
                .chain(&c.acronyms)
                .chain(&c.demonyms)
                .chain(std::iter::once(&c.name))
            {
                d.add_static(n, Entry::Country(i));
            }
            for a in c.adjectives.iter().chain(&c.peoples) {
                d.add_static(a, Entry::Adjective(i));
            }
            for cap in &c.capitals {
                d.add_static(cap, Entry::Capital(i));
            }
            for m in &c.metonyms {
                d.add_static(m, Entry::Seat(i));
            }
            // a state's named bodies, each as the state in its sector
            for (names, agent) in [
                (&c.legislature, "LEG"),
                (&c.military, "MIL"),
                (&c.agencies, "GOV"),
                (&c.intelligence, "SPY"),
                (&c.police, "COP"),
            ] {
                for n in names {
                    d.add_static(n, Entry::Body(i, agent));
                }
            }
            d.ambiguous
                .extend(c.ambiguous.iter().map(|s| strip_the(s).to_string()));
        }
        for o in orgs {
            d.add_org(o);
        }
        for p in persons {
            d.add_person("data/actors/officials.toml", p)?;
        }
        for h in roles.head {
            for w in &h.words {
                let forms = if h.person {
                    inflect::noun_forms(w)
                } else {
                    vec![w.to_lowercase()]
                };
                for f in forms {
                    let key = head_key(&f);
                    d.max_head_len = d.max_head_len.max(key.len());
                    d.head_starts.insert(key[0].clone());
                    d.heads.entry(key.join(" ")).or_insert(RoleWord {
                        code: h.code.to_string(),
                        person: h.person && (!f.ends_with('s') || f == w.to_lowercase()),
                        weapon: h.weapon,
                    });
                }
            }
        }
        for m in roles.modifier {
            for w in &m.words {
                d.modifiers.insert(
                    w.to_lowercase(),
                    RoleWord {
                        code: m.code.to_string(),
                        person: false,
                        weapon: false,
                    },
                );
            }
        }
        for (v, entries) in &d.variants {
            let b = v.as_bytes();
            if v.is_ascii() && !b.is_empty() && entries.iter().any(|&(_, whole)| whole) {
                d.whole_shapes.insert((b[0], b[b.len() - 1], b.len()));
            }
        }
        for (key, word) in &d.heads {
            let end = HeadEnd {
                word: word.clone(),
                modifier: d.modifiers.contains_key(key),
            };
            d.head_trie.insert(key.split(' '), end);
        }
        // the matcher is built once, by the caller, after every source is added
        Ok(d)
    }

    fn add_org(&mut self, o: Organization<'static>) {
        let i = self.orgs.len();
        for n in o
            .names
            .iter()
            .chain(&o.acronyms)
            .chain(&o.adjectives)
            .chain(std::iter::once(&o.name))
        {
            self.add_text(n, Entry::Org(i));
        }
        for s in &o.seats {
            self.seats.entry(s.to_string()).or_default().push(i);
        }
        for n in &o.nouns {
            self.org_nouns.entry(n.to_lowercase()).or_default().push(i);
        }
        self.org_codes.insert(o.code.to_string());
        self.orgs.push(Unit {
            name: o.name.0.into(),
            code: o.code.0.into(),
            principal: o.principal.0.into(),
            is_org: true,
        });
    }

    /// Adds a person with dated roles; `file` names the source in errors. A role without a
    /// principal takes the one its code implies.
    fn add_person(&mut self, file: &str, p: PersonEntry<'static>) -> Result<()> {
        let i = self.persons.len();
        let mut roles_out = Vec::with_capacity(p.role.len());
        for r in &p.role {
            let parse = |s: &Option<Text>| -> Result<Option<Date>> {
                match s.as_deref() {
                    None => Ok(None),
                    Some(s) => Date::parse(s).map(Some).ok_or_else(|| Error::Data {
                        file: file.into(),
                        message: format!("{}: bad date {s:?} (use YYYY-MM-DD)", &*p.name),
                    }),
                }
            };
            roles_out.push(Role::new(
                r.title.to_string(),
                Name::from(&*r.code),
                if r.principal.is_empty() {
                    self.principal_of(&r.code)
                } else {
                    Name::from(&*r.principal)
                },
                parse(&r.from)?,
                parse(&r.to)?,
            ));
        }
        self.add_text(&p.name, Entry::Person(i));
        for a in &p.aliases {
            self.add_text(a, Entry::Person(i));
        }
        let female = p.gender.as_deref().map(|g| g.starts_with('f'));
        self.persons.push(Person {
            name: p.name.0.into(),
            female,
            roles: roles_out,
        });
        Ok(())
    }

    /// Adds a dictionary in the project's own format (`[[person]]` with dated `[[person.role]]`
    /// entries, `[[organization]]`, `[[group]]`: the schema of `data/actors/*.toml`, see
    /// `data/actors/README.md`); returns (persons, organisations and groups, names added).
    /// Its entries are matched like the built-in ones (case-sensitive, dated, with surnames and
    /// coreference); a form that is also a built-in one is read both ways and the context
    /// decides, as between built-in entries.
    pub fn extend_toml(&mut self, file: &str, src: &str) -> Result<(usize, usize, usize)> {
        let user: UserFile = crate::lexicon::parse_toml(file, src)?;
        // (the dictionary outlives `src`: the entries own their strings)
        let before = self.forms.len();
        let (np, no) = (
            user.person.len(),
            user.organization.len() + user.group.len(),
        );
        for o in user.organization.into_iter().chain(user.group) {
            if o.code.is_empty() || o.principal.is_empty() {
                return Err(data_err(
                    file,
                    format!("{}: an organisation needs a code and a principal", &*o.name),
                ));
            }
            self.add_org(o.into_static());
        }
        for p in user.person {
            if p.role.is_empty() {
                return Err(data_err(
                    file,
                    format!(
                        "{}: a person needs at least one [[person.role]] with a code",
                        &*p.name
                    ),
                ));
            }
            self.add_person(file, p.into_static())?;
        }
        let names = self.forms.len() - before;
        self.given_names = Default::default();
        self.rebuild()?;
        Ok((np, no, names))
    }

    /// Adds a surface form of the built-in data, which it borrows.
    fn add_static(&mut self, form: &'static str, e: Entry) {
        let f = strip_the(form.trim());
        // duplicates (the same form for the same entry) are dropped when the matcher is built
        if !f.is_empty() {
            self.forms.push((Cow::Borrowed(f), e));
        }
    }

    /// Adds a surface form, borrowed when it is the built-in data's.
    fn add_text(&mut self, form: &Text<'static>, e: Entry) {
        match &form.0 {
            Cow::Borrowed(f) => self.add_static(f, e),
            Cow::Owned(f) => {
                let f = strip_the(f.trim());
                if !f.is_empty() {
                    self.forms.push((Cow::Owned(f.to_string()), e));
                }
            }
        }
    }

    fn rebuild(&mut self) -> Result<()> {
        self.org_noun_codes = self
            .org_nouns
            .iter()
            .map(|(noun, orgs)| {
                let mut n = NounCodes::default();
                n.codes.reserve(orgs.len());
                for &o in orgs {
                    let code = &self.orgs[o].code;
                    n.codes.insert(code.clone());
                    n.longest = n.longest.max(code.len());
                    if code.len() < 64 {
                        n.lengths |= 1 << code.len();
                    }
                }
                (noun.clone(), n)
            })
            .collect();
        let mut seen: rustc_hash::FxHashSet<(&str, &Entry)> = Default::default();
        seen.reserve(self.forms.len());
        let keep: Vec<bool> = self
            .forms
            .iter()
            .map(|(f, e)| seen.insert((f.as_ref(), e)))
            .collect();
        drop(seen);
        let mut k = keep.into_iter();
        self.forms.retain(|_| k.next().unwrap_or(true));
        let pats: Vec<&str> = self.forms.iter().map(|(f, _)| f.as_ref()).collect();
        self.trie = super::trie::FormTrie::new(&pats);
        self.ambiguous_shapes = Shapes::default();
        for a in &self.ambiguous {
            self.ambiguous_shapes.add(a);
        }
        self.org_noun_firsts = Shapes::default();
        for noun in self
            .org_nouns
            .keys()
            .map(String::as_str)
            .chain(["country", "nation"])
        {
            self.org_noun_firsts
                .add(noun.split(' ').next().unwrap_or(noun));
        }
        Ok(())
    }

    /// Whether `surface` is one of the [`Dictionary::ambiguous`] strings.
    #[inline]
    pub fn is_ambiguous(&self, surface: &str) -> bool {
        self.ambiguous_shapes.may_hold(surface) && self.ambiguous.contains(surface)
    }

    /// Whether an organisation description's noun ("alliance", "military bloc") or "country"
    /// or "nation" may begin with the lowercase word `w`: `false` for most words, without
    /// hashing.
    #[inline]
    pub fn may_begin_org_noun(&self, w: &str) -> bool {
        self.org_noun_firsts.may_hold(w)
    }

    /// Every dictionary form that starts at one of `starts` (byte offsets of token starts,
    /// ascending) in `text`, as (start, end, entry), all lengths included; user forms
    /// (matched case-insensitively) wherever they are.
    pub fn find_all<'a>(
        &'a self,
        text: &'a str,
        starts: impl Iterator<Item = usize>,
    ) -> Vec<(usize, usize, &'a Entry)> {
        let mut out = Vec::new();
        let bytes = text.as_bytes();
        for s in starts {
            self.forms_at(bytes, s, |e, entry| out.push((s, e, entry)));
        }
        out.extend(self.user_forms_in(text));
        out
    }

    /// Every built-in form that `text[start..]` begins with, as (end, entry), shortest first.
    #[inline]
    pub fn forms_at<'a>(
        &'a self,
        text: &[u8],
        start: usize,
        mut found: impl FnMut(usize, &'a Entry),
    ) {
        self.trie
            .prefixes_at(text, start, |e, f| found(e, &self.forms[f as usize].1));
    }

    /// Where the walks for [`Dictionary::forms_from`] begin at `text[start..]`, `None` when
    /// no built-in form begins with its first byte (see [`super::trie::FormTrie::start`]:
    /// finding the starts of a document's tokens first lets the reads wait together).
    #[inline]
    pub fn form_start(&self, text: &[u8], start: usize) -> Option<super::trie::Start> {
        self.trie.start(text, start)
    }

    /// Every built-in form that `text` goes on with from `s` (found by
    /// [`Dictionary::form_start`] in the same text), as (end, entry), shortest first.
    #[inline]
    pub fn forms_from<'a>(
        &'a self,
        text: &[u8],
        s: super::trie::Start,
        mut found: impl FnMut(usize, &'a Entry),
    ) {
        self.trie
            .prefixes_from(text, s, |e, f| found(e, &self.forms[f as usize].1));
    }

    /// Every user form (matched case-insensitively, capitalised in text) in `text`, as (start,
    /// end, entry).
    pub fn user_forms_in<'a>(&'a self, text: &str) -> Vec<(usize, usize, &'a Entry)> {
        let Some(um) = &self.user_matcher else {
            return Vec::new();
        };
        um.find_overlapping_iter(text)
            .filter(|m| text[m.start()..].starts_with(char::is_uppercase))
            .map(|m| {
                (
                    m.start(),
                    m.end(),
                    &self.user_forms[m.pattern().as_usize()].1,
                )
            })
            .collect()
    }

    /// Adds a PETRARCH/TABARI actor dictionary; returns (entries, names, skipped-role warnings).
    pub fn extend_petrarch(
        &mut self,
        file: &str,
        src: &str,
    ) -> Result<(usize, usize, Vec<String>)> {
        let (entries, warnings) = super::petrarch::parse(file, src)?;
        let mut names = 0;
        for e in &entries {
            let i = self.users.len();
            let roles = e
                .roles
                .iter()
                .map(|r| {
                    let mut r = r.clone();
                    r.principal = self.principal_of(&r.code);
                    r
                })
                .collect();
            self.users.push(Person {
                name: e.name.as_str().into(),
                female: None,
                roles,
            });
            for s in &e.synonyms {
                if s.len() >= 2 {
                    self.user_forms.push((s.clone(), Entry::User(i)));
                    names += 1;
                }
            }
        }
        let pats: Vec<&str> = self.user_forms.iter().map(|(f, _)| f.as_str()).collect();
        self.user_matcher = Some(
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(pats)
                .map_err(|e| data_err(file, e))?,
        );
        Ok((entries.len(), names, warnings))
    }

    /// Whether `code` starts with the code of an organisation the description noun `noun`
    /// describes (as `org_nouns[noun]`' codes would say one by one).
    pub fn noun_org_prefix(&self, noun: &str, code: &str) -> bool {
        let Some(n) = self.org_noun_codes.get(noun) else {
            return false;
        };
        (0..=code.len().min(n.longest)).any(|l| {
            (l >= 64 || n.lengths >> l & 1 == 1)
                && code.is_char_boundary(l)
                && n.codes.contains(&code[..l])
        })
    }

    /// Whether `code` is a country's code.
    pub fn is_country(&self, code: &str) -> bool {
        self.country_codes.contains(code)
    }

    /// Whether `code` starts with the code of an organisation at least `min_len` bytes long:
    /// the code's few prefixes are looked up instead of scanning the ~900 organisations.
    pub fn has_org_prefix(&self, code: &str, min_len: usize) -> bool {
        (min_len..=code.len())
            .any(|l| code.is_char_boundary(l) && self.org_codes.contains(&code[..l]))
    }

    /// The principal of a CAMEO actor code: its country, or the organisation it names.
    pub fn principal_of(&self, code: &str) -> Name {
        if let Some(o) = self
            .orgs
            .iter()
            .filter(|o| code.starts_with(o.code.as_str()))
            .max_by_key(|o| o.code.len())
        {
            return o.principal.clone();
        }
        code.chars().take(3).collect()
    }

    /// The actor an entry stands for on `date`.
    pub fn actor(&self, e: &Entry, date: Option<Date>) -> Actor {
        match e {
            Entry::Country(i) | Entry::Adjective(i) | Entry::Capital(i) | Entry::Place(i) => {
                self.countries[*i].actor("")
            }
            Entry::Seat(i) => self.countries[*i].actor("GOV"),
            Entry::Body(i, code) => self.countries[*i].actor(code),
            Entry::Org(i) => self.orgs[*i].actor(""),
            Entry::Person(i) => self.persons[*i].actor_on(date),
            Entry::User(i) => self.users[*i].actor_on(date),
        }
    }

    /// Number of surface forms, for reports.
    pub fn len(&self) -> usize {
        self.forms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

impl Unit {
    /// This unit as an actor, with an agent code appended.
    pub fn actor(&self, agent: &str) -> Actor {
        Actor {
            name: self.name.clone(),
            code: if agent.is_empty() {
                self.code.clone()
            } else {
                super::concat(&self.code, agent)
            },
            principal: Some(self.principal.clone()),
        }
    }
}

/// "the Kremlin" is matched as "Kremlin": the article is optional in text.
fn strip_the(s: &str) -> &str {
    s.strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(s)
}

/// Role head key: the lowercase words, hyphens as their own tokens (as the tokenizer splits
/// them); [`Dictionary::heads`] is keyed by these joined with spaces.
pub fn head_key(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in s.split_whitespace() {
        let mut parts = w.split('-').peekable();
        while let Some(p) = parts.next() {
            if !p.is_empty() {
                out.push(p.to_string());
            }
            if parts.peek().is_some() {
                out.push("-".into());
            }
        }
    }
    out
}

fn data_err(what: &str, e: impl std::fmt::Display) -> Error {
    Error::Data {
        file: what.into(),
        message: e.to_string(),
    }
}

/// The shortest one-word country name read with a spelling slip (shorter names are too close
/// to other words: "Mali", "Iran", "Chad"); the misspelt word itself has one letter more.
pub const SPELLING_MIN: usize = 5;

/// `word` lowercased with one letter left out, each way.
pub fn deletions(word: &str) -> Vec<String> {
    // (each made of two slices of the lowercased word, not character by character)
    let lower = word.to_lowercase();
    lower
        .char_indices()
        .map(|(i, c)| {
            let mut v = String::with_capacity(lower.len() - c.len_utf8());
            v.push_str(&lower[..i]);
            v.push_str(&lower[i + c.len_utf8()..]);
            v
        })
        .collect()
}

/// Whether `long` is `short` with one letter more (anywhere), compared case-sensitively.
fn one_letter_more(long: &str, short: &str) -> bool {
    if long.chars().count() != short.chars().count() + 1 {
        return false;
    }
    // where they part (a byte offset in both: the characters before are the same), and
    // `long` after its letter there is the rest of `short`
    let at = long
        .char_indices()
        .zip(short.chars())
        .find(|&((_, l), s)| l != s)
        .map_or(short.len(), |((at, _), _)| at);
    let letter = long[at..].chars().next().map_or(0, char::len_utf8);
    long[at + letter..] == short[at..]
}

impl Dictionary {
    /// The person meant by a given name and a surname the dictionaries do not know when the
    /// surname is a known person's with one letter left out or one too many ("Francois
    /// Mitterand", "Abdelaziz Bouteflicka", "Juvenal Habyariman") and the given name is
    /// exactly theirs; `None` when no one or more than one person fits. Surnames shorter
    /// than seven letters are too close to other names to be read as slips.
    pub fn misspelt_person(&self, given: &str, surname: &str) -> Option<usize> {
        let index = self.given_names.get_or_init(|| {
            let mut m = GivenNames::default();
            for (i, p) in self.persons.iter().enumerate() {
                let mut words = p.name.split_whitespace();
                if let (Some(g), Some(_)) = (words.next(), words.next()) {
                    // (two words at least: there is a last one, a slice of the name)
                    let known = p.name.split_whitespace().last().unwrap_or_default();
                    let at = known.as_ptr() as usize - p.name.as_ptr() as usize;
                    let entry = (i, at, known.chars().count());
                    m.entry(g.to_string()).or_default().push(entry);
                }
            }
            m
        });
        let n = surname.chars().count();
        if n < 6 || !surname.chars().next()?.is_uppercase() {
            return None;
        }
        let mut found = None;
        for &(i, at, known_n) in index.get(given)? {
            let known = &self.persons[i].name[at..];
            if known_n < 7 && n < 7 {
                continue;
            }
            // one letter more or less, first by length
            if known_n.abs_diff(n) == 1
                && (one_letter_more(surname, known) || one_letter_more(known, surname))
            {
                if found.is_some() {
                    return None;
                }
                found = Some(i);
            }
        }
        found
    }

    /// The country a capitalised word the dictionaries do not know means when it is a
    /// one-word country name with one letter left out ("Ethopia", "Afganistan") or one letter
    /// too many inside it ("Quatar"; not at its end, where a letter more makes another word:
    /// "Frances"), and no other country's. A changed letter is not read as a slip: "Ismael"
    /// is a name, "Bolivar" is not Bolivia.
    pub fn misspelt_country(&self, word: &str) -> Option<usize> {
        let n = word.chars().count();
        if n <= SPELLING_MIN || !word.chars().next()?.is_uppercase() {
            return None;
        }
        // (an ASCII word is lowercased in a buffer on the stack)
        let mut buf = [0u8; 64];
        let owned: String;
        let lower: &str = match buf.get_mut(..word.len()) {
            Some(b) if word.is_ascii() => {
                b.copy_from_slice(word.as_bytes());
                b.make_ascii_lowercase();
                std::str::from_utf8(b).unwrap_or_default()
            }
            _ => {
                owned = word.to_lowercase();
                &owned
            }
        };
        let mut found: Vec<usize> = Vec::new();
        // a letter left out: the word is a deletion of a name
        for &(i, whole) in self.variants.get(lower).into_iter().flatten() {
            if !whole && !found.contains(&i) {
                found.push(i);
            }
        }
        // a letter too many, not the first or the last: a deletion of the word is a name
        // (the deletions of `deletions(word)`, built one at a time in one buffer); an ASCII
        // word's deletions keep its first and last letters and are one letter shorter, and
        // when no whole name is of that shape there is nothing to look up
        let b = lower.as_bytes();
        if lower.is_ascii()
            && b.len() >= 2
            && !self
                .whole_shapes
                .contains(&(b[0], b[b.len() - 1], b.len() - 1))
        {
            return match found.as_slice() {
                [one] => Some(*one),
                _ => None,
            };
        }
        let chars: Vec<char> = lower.chars().collect();
        let mut v = String::with_capacity(lower.len());
        for k in 1..(n - 1).min(chars.len()) {
            v.clear();
            v.extend(chars[..k].iter().chain(&chars[k + 1..]));
            for &(i, whole) in self.variants.get(v.as_str()).into_iter().flatten() {
                if whole && !found.contains(&i) {
                    found.push(i);
                }
            }
        }
        match found.as_slice() {
            [one] => Some(*one),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_letter_more_answers_as_comparing_characters_does() {
        // the letter first, inside, last, doubled, multi-byte, and words that differ otherwise
        fn by_chars(long: &str, short: &str) -> bool {
            let (l, s): (Vec<char>, Vec<char>) = (long.chars().collect(), short.chars().collect());
            l.len() == s.len() + 1 && (0..l.len()).any(|k| l[..k] == s[..k] && l[k + 1..] == s[k..])
        }
        let words = [
            "",
            "a",
            "ab",
            "ba",
            "abc",
            "Mitterrand",
            "Mitterand",
            "Mitterands",
            "Xitterand",
            "Bouteflika",
            "Bouteflicka",
            "Habyarimana",
            "Habyariman",
            "Gül",
            "Güll",
            "Gl",
            "éa",
            "a",
            "ée",
            "Ciller",
            "Çiller",
            "Çillér",
            "Cillerr",
        ];
        for long in words {
            for short in words {
                assert_eq!(
                    one_letter_more(long, short),
                    by_chars(long, short),
                    "{long:?} {short:?}"
                );
            }
        }
    }

    fn code_on(name: &str, date: &str) -> String {
        let d = Dictionary::builtin().unwrap();
        let p = d
            .persons
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} is not in the dictionary"));
        p.actor_on(Date::parse(date)).code.to_string()
    }

    #[test]
    fn a_noun_s_organisation_codes_answer_as_its_list_does() {
        let d = Dictionary::builtin().unwrap();
        let mut codes: Vec<&str> = d.orgs.iter().map(|o| o.code.as_str()).collect();
        codes.extend(["", "I", "RUS", "RUSGOV", "IGOWSTNATGOV", "NGO"]);
        let with_agent: Vec<String> = d.orgs.iter().map(|o| format!("{}MIL", o.code)).collect();
        codes.extend(with_agent.iter().map(String::as_str));
        for (noun, orgs) in &d.org_nouns {
            for code in &codes {
                let by_list = orgs
                    .iter()
                    .any(|&o| code.starts_with(d.orgs[o].code.as_str()));
                assert_eq!(d.noun_org_prefix(noun, code), by_list, "{noun} {code}");
            }
        }
        assert!(!d.noun_org_prefix("no such noun", "IGOWSTNAT"));
    }

    #[test]
    fn a_country_name_with_a_letter_missing_or_one_too_many_is_read() {
        let d = Dictionary::builtin().unwrap();
        let code = |w: &str| d.misspelt_country(w).map(|i| d.countries[i].code.clone());
        assert_eq!(code("Ethopia").as_deref(), Some("ETH"));
        assert_eq!(code("Afganistan").as_deref(), Some("AFG"));
        assert_eq!(code("Quatar").as_deref(), Some("QAT"));
        // a changed letter, a letter more at the end, short or lowercase words: not a slip
        for not in [
            "Ismael", "Bolivar", "Granada", "Frances", "Irak", "ethopia", "Chinas",
        ] {
            assert_eq!(code(not), None, "{not}");
        }
        // and an exact name is the dictionary's business, not this
        assert_eq!(code("Ethiopia"), None);
    }

    #[test]
    fn a_known_surname_with_a_letter_missing_or_one_too_many_is_read_after_the_given_name() {
        let d = Dictionary::builtin().unwrap();
        let who = |g: &str, s: &str| d.misspelt_person(g, s).map(|i| d.persons[i].name.clone());
        assert_eq!(
            who("Francois", "Mitterand").as_deref(),
            Some("Francois Mitterrand")
        );
        assert_eq!(
            who("Abdelaziz", "Bouteflicka").as_deref(),
            Some("Abdelaziz Bouteflika")
        );
        assert_eq!(
            who("Juvenal", "Habyariman").as_deref(),
            Some("Juvenal Habyarimana")
        );
        // another given name, a changed letter, the exact name, a short surname: not a slip
        assert_eq!(who("Pierre", "Mitterand"), None);
        assert_eq!(who("Francois", "Mitterrend"), None);
        assert_eq!(who("Francois", "Mitterrand"), None);
        assert_eq!(who("Helmut", "Koh"), None);
    }

    #[test]
    fn a_named_official_without_nationality_takes_the_one_country_of_the_sentence() {
        let lex = crate::lexicon::Lexicon::builtin().unwrap();
        let dict = Dictionary::builtin().unwrap();
        let code_of = |text: &str, name: &str| {
            let seg = crate::segment::segment(text, &lex);
            crate::actors::find(text, &seg, &dict, &lex, None)
                .mentions
                .iter()
                .find(|m| &text[m.span.start..m.span.end] == name)
                .map(|m| m.actor.code.to_string())
        };
        let s = "Judge Alejandro Rivera opened fraud investigations against 28 Chilean officials.";
        assert_eq!(code_of(s, "Alejandro Rivera").as_deref(), Some("CHLJUD"));
        // a country named as the target ("against Nigeria") is not the official's own
        let s = "Bishop Samuel Odhiambo called for sanctions against Nigeria.";
        assert!(
            code_of(s, "Samuel Odhiambo").is_none_or(|c| !c.starts_with("NGA")),
            "{:?}",
            code_of(s, "Samuel Odhiambo")
        );
    }

    fn mentions_of(text: &str) -> Vec<(String, String)> {
        let lex = crate::lexicon::Lexicon::builtin().unwrap();
        let dict = Dictionary::builtin().unwrap();
        let seg = crate::segment::segment(text, &lex);
        crate::actors::find(text, &seg, &dict, &lex, None)
            .mentions
            .iter()
            .map(|m| {
                (
                    text[m.span.start..m.span.end].to_string(),
                    m.actor.code.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn a_bare_family_name_goes_back_to_its_person_whichever_order_the_name_has() {
        // family name first (a Chinese official known to the dictionary, one introduced by a
        // role phrase); family name last, and an alias in the other order ("William Lai" is
        // Lai Ching-te)
        for (text, name, code) in [
            (
                "Wang Yi met Lavrov. \"We agree,\" Wang said.",
                "Wang",
                "CHNGOV",
            ),
            (
                "Chinese foreign ministry spokeswoman Mao Ning spoke. \"We oppose this,\" Mao said.",
                "Mao",
                "CHNGOV",
            ),
            (
                "Taiwanese Vice President William Lai returned. \"Peace matters,\" Lai said.",
                "Lai",
                "TWNGOV",
            ),
            (
                "Sergei Lavrov met Wang Yi. \"We agree,\" Lavrov said.",
                "Lavrov",
                "RUSGOV",
            ),
        ] {
            let found = mentions_of(text);
            assert!(
                found.iter().filter(|(t, c)| t == name && c == code).count() == 1,
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_spokesman_of_a_body_speaks_for_it_and_a_quoted_country_is_not_his() {
        // the role after a body's phrase takes the body's code
        let found = mentions_of(
            "Iran's foreign ministry spokesman Nasser Kanaani rejected the U.S. criticism.",
        );
        assert!(
            found.contains(&("Nasser Kanaani".into(), "IRNGOV".into())),
            "{found:?}"
        );
        // a country named inside the quotation is not the speaker's
        let found = mentions_of(
            "\u{201c}Iran's harassment of vessels is contrary to international law,\u{201d} spokesman Tim Hawkins said.",
        );
        assert!(
            found
                .iter()
                .all(|(t, c)| t != "Tim Hawkins" || !c.starts_with("IRN")),
            "{found:?}"
        );
        // the U.S. fleets and NASA are named bodies of the United States
        let found = mentions_of("The U.S. Fifth Fleet and NASA said so.");
        assert!(
            found.contains(&("U.S. Fifth Fleet".into(), "USAMIL".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("NASA".into(), "USAGOV".into())),
            "{found:?}"
        );
    }

    #[test]
    fn the_government_is_the_state_last_named_by_name_or_capital() {
        // a capital standing for its government counts as a naming: "the junta" is Mali's
        let found = mentions_of(
            "Diop accused France of using the council to punish Bamako. The junta has deepened its ties with Moscow.",
        );
        assert!(
            found.contains(&("junta".into(), "MLIGOV".into())),
            "{found:?}"
        );
        // a capital that only locates an event does not
        let found = mentions_of(
            "Chad sent troops to Mali. They arrived in Bamako. The government welcomed them.",
        );
        assert!(
            found.contains(&("government".into(), "MLIGOV".into())),
            "{found:?}"
        );
        let found = mentions_of("Chadian troops arrived in Bamako. The government welcomed them.");
        assert!(
            !found.contains(&("government".into(), "MLIGOV".into())),
            "{found:?}"
        );
    }

    #[test]
    fn an_ethnic_group_belongs_to_the_state_it_lives_in() {
        let found = mentions_of("Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.");
        assert!(
            found.contains(&("ethnic Albanians".into(), "SRBCVL".into())),
            "{found:?}"
        );
        assert!(
            found.iter().all(|(_, c)| !c.starts_with("ALB")),
            "{found:?}"
        );
        // no place and no other country named: no guess
        let found = mentions_of("Ethnic Albanians protested.");
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_former_official_is_the_state_s_elite() {
        let found = mentions_of("The former Iraqi defence minister met the ex-Russian envoy.");
        assert!(
            found.contains(&("former Iraqi defence minister".into(), "IRQELI".into())),
            "{found:?}"
        );
        assert!(found.iter().any(|(_, c)| c == "RUSELI"), "{found:?}");
        // in office, the role's own code
        let found = mentions_of("The Iraqi defence minister met the Russian envoy.");
        assert!(found.iter().any(|(_, c)| c == "IRQGOVMIL"), "{found:?}");
    }

    #[test]
    fn the_title_the_text_gives_a_known_official_wins_over_the_record() {
        // undated: the record's answer is today's (Stoltenberg left NATO in 2024, Biden the
        // presidency in 2025); the text's title says what they were when it was written
        let found =
            mentions_of("NATO Secretary General Jens Stoltenberg met US President Joe Biden.");
        assert!(
            found.contains(&("Jens Stoltenberg".into(), "IGOWSTNAT".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("Joe Biden".into(), "USAGOV".into())),
            "{found:?}"
        );
        // a former title leaves the record's answer; a bare title guesses, so it does too
        let found = mentions_of("Former NATO chief Jens Stoltenberg spoke.");
        assert!(
            found.contains(&("Jens Stoltenberg".into(), "NORGOV".into())),
            "{found:?}"
        );
        let found = mentions_of("Moroccan diplomats met President Obama.");
        assert!(
            found
                .iter()
                .all(|(_, c)| c == "MARGOV" || c.starts_with("USA")),
            "{found:?}"
        );
    }

    #[test]
    fn a_pronoun_agrees_with_the_gender_of_a_known_person() {
        // the nearest person is Putin, but "she" is Merkel (the dictionary says so)
        let found =
            mentions_of("Angela Merkel met Vladimir Putin in Moscow. She said it went well.");
        assert!(
            found.contains(&("She".into(), "DEUGOV".into())),
            "{found:?}"
        );
        let found =
            mentions_of("Vladimir Putin met Angela Merkel in Berlin. He said it went well.");
        assert!(found.contains(&("He".into(), "RUSGOV".into())), "{found:?}");
    }

    #[test]
    fn a_shared_family_name_is_the_one_in_office_on_the_date() {
        let lex = crate::lexicon::Lexicon::builtin().unwrap();
        let dict = Dictionary::builtin().unwrap();
        let who = |text: &str, word: &str, date: &str| {
            let seg = crate::segment::segment(text, &lex);
            crate::actors::find(text, &seg, &dict, &lex, Date::parse(date))
                .mentions
                .iter()
                .find(|m| &text[m.span.start..m.span.end] == word)
                .map(|m| (m.actor.name.to_string(), m.actor.code.to_string()))
        };
        let s = "Clinton said he will not lift the embargo. Bush met Gorbachev.";
        let person = |w: &str, d: &str| who(s, w, d).map(|(n, c)| format!("{n} {c}"));
        // in office on the date
        assert_eq!(
            person("Bush", "1990-06-01").as_deref(),
            Some("George H. W. Bush USAGOV")
        );
        assert_eq!(
            person("Bush", "2005-06-01").as_deref(),
            Some("George W. Bush USAGOV")
        );
        assert_eq!(
            person("Clinton", "1994-06-01").as_deref(),
            Some("Bill Clinton USAGOV")
        );
        assert_eq!(
            person("Clinton", "2010-06-01").as_deref(),
            Some("Hillary Clinton USAGOV")
        );
        // neither in office: the one most recently out of it, one of the state's elite
        assert_eq!(
            person("Bush", "2015-06-01").as_deref(),
            Some("George W. Bush USAELI")
        );
        assert_eq!(
            person("Clinton", "2016-06-01").as_deref(),
            Some("Hillary Clinton USAELI")
        );
    }

    #[test]
    fn a_national_agency_is_its_state_in_its_sector() {
        // "ICE returned 11 oil paintings to ... Germany", "National Security Agency has been
        // sharing raw intelligence information with the Israeli government": named agencies
        // act for their state, as its government, intelligence service or police
        let found = mentions_of(
            "The CIA and the FBI briefed USAID. ICE returned paintings to Germany. The \
             Federal Foreign Office thanked Mossad.",
        );
        for (name, code) in [
            ("CIA", "USASPY"),
            ("FBI", "USACOP"),
            ("USAID", "USAGOV"),
            ("ICE", "USACOP"),
            ("Federal Foreign Office", "DEUGOV"),
            ("Mossad", "ISRSPY"),
        ] {
            assert!(
                found.contains(&(name.into(), code.into())),
                "{name}: {found:?}"
            );
        }
        // the State Department is Washington's even after another country was named
        let found = mentions_of("Germany sent troops. The State Department criticised China.");
        assert!(
            found.contains(&("State Department".into(), "USAGOV".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_role_phrase_before_a_name_is_a_mention_of_the_same_person() {
        let found =
            mentions_of("U.S. negotiator Paul Nitze believed it could lead to an agreement.");
        assert!(
            found.contains(&("U.S. negotiator".into(), "USAGOV".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&("Paul Nitze".into(), "USAGOV".into())),
            "{found:?}"
        );
    }

    #[test]
    fn a_word_inside_a_hyphenated_compound_name_is_not_a_match() {
        // "Shan" (a people of Myanmar) inside "Shan-e-Mustafa"
        let found = mentions_of("He led the Shan-e-Mustafa rally in Pakistan.");
        assert!(
            found.iter().all(|(_, c)| !c.starts_with("MMR")),
            "{found:?}"
        );
    }

    #[test]
    fn a_people_reads_like_its_country_and_a_name_word_before_another_name_is_not_a_match() {
        let lex = crate::lexicon::Lexicon::builtin().unwrap();
        let dict = Dictionary::builtin().unwrap();
        let text = "Yoruba leaders met Karen rebels. Arab League Secretary General Chadli Klibi and Karen Smith spoke.";
        let seg = crate::segment::segment(text, &lex);
        let found: Vec<(String, String)> =
            crate::actors::find(text, &seg, &dict, &lex, Date::parse("1990-01-01"))
                .mentions
                .iter()
                .map(|m| {
                    (
                        text[m.span.start..m.span.end].to_string(),
                        m.actor.code.to_string(),
                    )
                })
                .collect();
        let has = |s: &str, c: &str| found.iter().any(|(a, b)| a == s && b.starts_with(c));
        assert!(has("Yoruba leaders", "NGA"), "{found:?}");
        assert!(has("Karen rebels", "MMRREB"), "{found:?}");
        assert!(
            !found
                .iter()
                .any(|(a, b)| a == "Chadli" || b.starts_with("DZA")),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(a, _)| a.starts_with("Karen Smith") || a == "Karen"),
            "{found:?}"
        );
    }

    #[test]
    fn an_official_takes_the_role_in_force_on_the_date() {
        assert_eq!(code_on("Jens Stoltenberg", "2010-06-01"), "NORGOV");
        assert_eq!(code_on("Jens Stoltenberg", "2022-01-14"), "IGOWSTNAT");
        assert_eq!(code_on("Mark Rutte", "2015-01-01"), "NLDGOV");
        assert_eq!(code_on("Mark Rutte", "2025-01-01"), "IGOWSTNAT");
        // the last day of a term is still the holder's: Stoltenberg on the day he handed over
        assert_eq!(code_on("Jens Stoltenberg", "2024-10-01"), "IGOWSTNAT");
        // a former state official is of that state's elite; before any office, nobody's
        assert_eq!(code_on("Suharto", "2005-01-01"), "IDNELI");
        assert_eq!(code_on("Mark Rutte", "1990-01-01"), "");
    }

    /// A user's dictionary in the project's format: a person ours does not know (invented), with two
    /// dated offices, and an organisation; both resolve like built-in entries.
    const USER_TOML: &str = r#"
[[person]]
name = "Ilse Brandhorst"
aliases = ["Brandhorst"]
gender = "f"
[[person.role]]
title = "Ambassador of the Netherlands to Germany"
code = "NLDGOV"
from = "2013-01-01"
to = "2017-01-01"
[[person.role]]
title = "European Commissioner for Enlargement"
code = "IGOEUREEC"
from = "2024-12-01"

[[group]]
code = "NGOENV"
principal = "SEAWATCH"
name = "Sea Watch Collective"
acronyms = ["SWC"]
"#;

    #[test]
    fn a_user_dictionary_in_the_project_format_resolves_dated_roles() {
        let lex = crate::lexicon::Lexicon::builtin().unwrap();
        let mut dict = Dictionary::builtin().unwrap();
        let (persons, orgs, names) = dict.extend_toml("user.toml", USER_TOML).unwrap();
        assert_eq!((persons, orgs, names), (1, 1, 4));
        let text = "Ilse Brandhorst met the SWC. Brandhorst said the talks went well.";
        let seg = crate::segment::segment(text, &lex);
        let codes = |date: &str| -> Vec<(String, String)> {
            crate::actors::find(text, &seg, &dict, &lex, Date::parse(date))
                .mentions
                .iter()
                .map(|m| {
                    (
                        text[m.span.start..m.span.end].to_string(),
                        m.actor.code.to_string(),
                    )
                })
                .collect()
        };
        let on_2015 = codes("2015-05-01");
        assert!(
            on_2015.contains(&("Ilse Brandhorst".into(), "NLDGOV".into())),
            "{on_2015:?}"
        );
        assert!(
            on_2015.contains(&("Brandhorst".into(), "NLDGOV".into())),
            "{on_2015:?}"
        );
        assert!(
            on_2015.contains(&("SWC".into(), "NGOENV".into())),
            "{on_2015:?}"
        );
        let on_2025 = codes("2025-05-01");
        assert!(
            on_2025.contains(&("Ilse Brandhorst".into(), "IGOEUREEC".into())),
            "{on_2025:?}"
        );
        // the principal a role leaves out is the one its code implies
        let kos = dict
            .persons
            .iter()
            .find(|p| p.name == "Ilse Brandhorst")
            .unwrap();
        assert_eq!(kos.roles[1].principal, "EU");
    }

    #[test]
    fn a_bad_user_dictionary_names_the_file_and_what_is_wrong() {
        let mut dict = Dictionary::builtin().unwrap();
        let typo = dict
            .extend_toml("mine.toml", "[[persons]]\nname = \"X\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            typo.contains("mine.toml") && typo.contains("persons"),
            "{typo}"
        );
        let date = dict
            .extend_toml(
                "mine.toml",
                "[[person]]\nname = \"Ann Example\"\n[[person.role]]\ncode = \"FRAGOV\"\nfrom = \"May 2020\"\n",
            )
            .unwrap_err()
            .to_string();
        assert!(
            date.contains("mine.toml") && date.contains("Ann Example") && date.contains("May 2020"),
            "{date}"
        );
        let no_role = dict
            .extend_toml("mine.toml", "[[person]]\nname = \"Ann Example\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            no_role.contains("Ann Example") && no_role.contains("role"),
            "{no_role}"
        );
        let key = dict
            .extend_toml(
                "mine.toml",
                "[[person]]\nname = \"Ann Example\"\nalias = [\"Ann\"]\n",
            )
            .unwrap_err()
            .to_string();
        assert!(key.contains("mine.toml") && key.contains("alias"), "{key}");
    }

    #[test]
    fn the_same_text_codes_differently_in_2010_and_2022() {
        let lex = crate::lexicon::Lexicon::builtin().unwrap();
        let dict = Dictionary::builtin().unwrap();
        let text = "Jens Stoltenberg met Vladimir Putin.";
        let seg = crate::segment::segment(text, &lex);
        let codes = |date: &str| -> Vec<String> {
            crate::actors::find(text, &seg, &dict, &lex, Date::parse(date))
                .mentions
                .iter()
                .map(|m| m.actor.code.to_string())
                .collect()
        };
        assert_eq!(codes("2010-06-01"), ["NORGOV", "RUSGOV"]);
        assert_eq!(codes("2022-01-14"), ["IGOWSTNAT", "RUSGOV"]);
    }
}
