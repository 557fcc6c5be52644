//! Where the decode path's time goes, section by section, natively (the browser runs the
//! same code as wasm; the shares, not the absolute times, carry over):
//! `cargo run --release --example profile_decode -- <operation> <body.json> [repetitions]`.
//! Prints the median of each section: the validator's walk, the loose values' and the
//! ASCII text's rewrite, and serde_json's parse of the same bytes as a yardstick.
use std::time::Instant;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, operation, file, rest @ ..] = args.as_slice() else {
        eprintln!("usage: profile_decode <operation id> <body.json> [repetitions]");
        std::process::exit(2);
    };
    let reps: usize = rest.first().map_or(15, |r| r.parse().expect("repetitions: a number"));
    // `validate` as a fourth argument: only the validator, for `perf stat` (instructions
    // are a measure the machine's load does not move).
    let only_validate = rest.get(1).is_some_and(|a| a == "validate");
    let endpoint = commerce_kit::catalogue::find(operation).unwrap_or_else(|| panic!("unknown operation {operation:?}"));
    let body = std::fs::read(file).expect("a readable body");
    let report = commerce_kit::validate::validate_isolating(endpoint.response, &body);
    println!(
        "{} bytes: valid {}, {} loose values, {} drift paths (+{} unlisted), {} rejected",
        body.len(),
        report.is_valid(),
        report.loose.len(),
        report.drift.len(),
        report.unlisted_drift,
        report.rejected_spans.len()
    );
    let mut sections: Vec<(&str, Vec<f64>)> = ["validate", "normalised_json", "ascii_json", "serde_json::Value"].iter().map(|s| (*s, Vec::new())).collect();
    for _ in 0..reps {
        let t = Instant::now();
        let report = std::hint::black_box(commerce_kit::validate::validate_isolating(endpoint.response, &body));
        sections[0].1.push(t.elapsed().as_secs_f64() * 1e3);
        if only_validate {
            continue;
        }
        let t = Instant::now();
        std::hint::black_box(commerce_kit::validate::normalised_json(&body, 0, body.len(), &report.loose));
        sections[1].1.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(commerce_kit::validate::ascii_json(&body));
        sections[2].1.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(serde_json::from_slice::<serde_json::Value>(&body).expect("JSON"));
        sections[3].1.push(t.elapsed().as_secs_f64() * 1e3);
    }
    for (name, times) in sections.into_iter().filter(|(_, times)| !times.is_empty()) {
        println!("{name:>20}: {:7.2} ms", median(times));
    }
}
