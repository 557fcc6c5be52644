//! Writes the deterministic S2 inventory overview used by the benchmarks (bench/).
//!
//!     cargo run --release -p commerce-mock --example gen_inventory -- OUT_DIR 1 10 50
//!
//! writes `OUT_DIR/inventory-<N>mb.json` for each size N in megabytes (10^6 bytes),
//! 8 warehouses, seed 42; a file that already has the expected bytes is left alone.

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: gen_inventory OUT_DIR SIZE_MB..."));
    std::fs::create_dir_all(&dir).expect("create the output folder");
    for size in args {
        let mb: f64 = size.parse().expect("sizes are numbers of megabytes");
        let body = commerce_mock::generate::inventory_overview_of_size((mb * 1e6) as usize, 8, 42);
        let path = dir.join(format!("inventory-{size}mb.json"));
        if std::fs::read(&path).is_ok_and(|old| old == body.as_bytes()) {
            println!("{} unchanged ({} bytes)", path.display(), body.len());
            continue;
        }
        std::fs::write(&path, &body).expect("write the overview");
        println!("{} ({} bytes)", path.display(), body.len());
    }
}
