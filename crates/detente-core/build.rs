//! Compiles the built-in data files (`data/**/*.toml`) once, at build time: each is parsed
//! here (a syntax error fails the build and names the file and line) and written to OUT_DIR
//! packed (`src/lexicon/packed.rs`: its strings in a `.str` file, its tree in a `.bin`),
//! which the library reads at start-up many times faster than TOML or JSON. The TOML files
//! stay the reviewed source; nothing else changes their content. Every `.toml` under `data/`
//! is compiled, so a file named in `builtin_data!` needs no second list here.

use std::path::{Path, PathBuf};

#[path = "src/lexicon/pack.rs"]
mod pack;

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: cannot list it: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable directory entry").path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "toml") {
            out.push(path);
        }
    }
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let data = Path::new(&manifest).join("../../data");
    println!("cargo:rerun-if-changed={}", data.display());
    let mut files = Vec::new();
    toml_files(&data, &mut files);
    for src_path in files {
        let rel = src_path
            .strip_prefix(&data)
            .expect("found under data/")
            .with_extension("");
        let shown = format!("data/{}.toml", rel.display());
        println!("cargo:rerun-if-changed={}", src_path.display());
        let src = std::fs::read_to_string(&src_path)
            .unwrap_or_else(|e| panic!("{shown}: cannot read it: {e}"));
        let value: toml::Value =
            toml::from_str(&src).unwrap_or_else(|e| panic!("{shown} is not valid TOML: {e}"));
        let packed = pack::pack(&value);
        let dest = Path::new(&out).join(&rel);
        std::fs::create_dir_all(dest.parent().expect("a file has a folder"))
            .expect("OUT_DIR is writable");
        std::fs::write(dest.with_extension("str"), packed.text).expect("OUT_DIR is writable");
        std::fs::write(dest.with_extension("bin"), packed.tree).expect("OUT_DIR is writable");
    }
}
