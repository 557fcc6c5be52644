//! Embeds each operation's `tests/fixtures/<id>/good.json`: what the mock answers for an
//! operation it has no stateful handler for (`vendors::fixture_answer`). Generated from
//! the folder, so a new operation's fixture is served without a line of mock code.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures").canonicalize().expect("tests/fixtures exists");
    println!("cargo:rerun-if-changed={}", fixtures.display());
    let mut entries: Vec<(String, String)> = std::fs::read_dir(&fixtures)
        .expect("tests/fixtures is readable")
        .filter_map(|entry| {
            let dir = entry.ok()?.path();
            let good = dir.join("good.json");
            // Operation folders are named by id (`s2.get_inventory_overview`); others
            // (`real/`) hold no good.json.
            let id = dir.file_name()?.to_str()?.to_string();
            good.is_file().then(|| (id, good.display().to_string()))
        })
        .collect();
    entries.sort();
    let mut code =
        String::from("/// The `good.json` fixture of an operation, by id.\npub(crate) fn good(id: &str) -> Option<&'static str> {\n    match id {\n");
    for (id, path) in &entries {
        writeln!(code, "        {id:?} => Some(include_str!({path:?})),").unwrap();
    }
    code.push_str("        _ => None,\n    }\n}\n");
    std::fs::write(Path::new(&std::env::var("OUT_DIR").unwrap()).join("fixtures.rs"), code).unwrap();
}
