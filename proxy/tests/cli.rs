//! The `commerce-proxy` subcommands other than `serve`, run as the binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_commerce-proxy"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    // The binary may exit before reading (an unknown operation): a broken pipe is fine.
    let _ = input.write_all(stdin.unwrap_or_default());
    drop(input);
    child.wait_with_output().unwrap()
}

fn fixture(id: &str, name: &str) -> String {
    format!("{}/../tests/fixtures/{id}/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn endpoints_lists_the_catalogue_as_json() {
    let out = run(&["endpoints"], None);
    assert!(out.status.success());
    let list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.len(), commerce_kit::catalogue::endpoints().len());
    let overview = list.iter().find(|e| e["id"] == "s2.get_inventory_overview").expect("listed");
    assert_eq!((overview["vendor"].as_str(), overview["method"].as_str(), overview["path"].as_str()), (Some("s2"), Some("GET"), Some("/inventory/overview")));
}

#[test]
fn validate_accepts_a_good_body_and_lists_drift() {
    let out = run(&["validate", "s2.get_inventory_overview", &fixture("s2.get_inventory_overview", "good.json")], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("valid: s2.get_inventory_overview"));
    let drift = std::fs::read(fixture("s2.get_inventory_overview", "drift.json")).unwrap();
    let out = run(&["validate", "s2.get_inventory_overview", "-"], Some(&drift));
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("3 drift path(s)") && text.contains("drift: $.items[2].level.allocated"), "{text}");
}

#[test]
fn validate_prints_every_error_and_exits_1() {
    let out = run(&["validate", "s2.get_inventory_overview", &fixture("s2.get_inventory_overview", "wrong_type.json")], None);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("$.items[1].level.available: expected integer, found string \"11\""), "{text}");
    let out = run(&["validate", "no.such_operation", "-"], Some(b"{}"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown operation"));
}

#[test]
fn hash_password_prints_an_argon2id_hash_that_verifies() {
    let out = run(&["hash-password"], Some(b"correct horse\n"));
    assert!(out.status.success());
    let hash = String::from_utf8(out.stdout).unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    let users = vec![commerce_proxy::session::UserConfig {
        username: "u".into(),
        password_hash: commerce_proxy::secret::Secret::new(hash.trim()),
        role: commerce_proxy::session::Role::Viewer,
    }];
    let sessions = commerce_proxy::session::Sessions::new(users, Default::default());
    assert!(sessions.login("u", "correct horse", None).is_ok());
    assert_eq!(run(&["hash-password"], Some(b"")).status.code(), Some(2));
}
