//! Fit L = E + A/N^α + B/D^β to the shipped datablations runs with the full Hoffmann grid
//! (4500 L-BFGS starts) and print the result and the wall time. Native only (uses
//! std::time::Instant). Run: `cargo run --release -p scaling --example fit_datablations`.

use std::time::Instant;

use scaling::{
    datablations_runs, fit_chinchilla, preset, InitGrid, LbfgsOptions, Preset, HUBER_DELTA,
};

fn main() {
    let import = datablations_runs();
    assert!(import.errors.is_empty(), "{:?}", import.errors);
    let all = import.rows;
    let single_epoch: Vec<_> = all
        .iter()
        .filter(|r| r.unique == Some(r.d))
        .cloned()
        .collect();
    let grid = InitGrid::hoffmann();
    for (name, runs) in [
        ("single-epoch runs (D = U)", &single_epoch),
        ("all runs", &all),
    ] {
        let t0 = Instant::now();
        let rep = fit_chinchilla(
            runs,
            &grid,
            HUBER_DELTA,
            &LbfgsOptions::default(),
            &mut |_| true,
        )
        .expect("fit");
        let dt = t0.elapsed();
        println!(
            "== {name}: {} runs, {} starts, {:.2} s",
            runs.len(),
            rep.starts_tried,
            dt.as_secs_f64()
        );
        println!("{rep:#?}");
        let o = rep.params.compute_optimal(5.76e23);
        println!("a = {:.4}, N_opt(5.76e23) = {:.3e}", o.a, o.n_opt);
    }
    println!(
        "Muennighoff C4 preset for comparison: {:?}",
        preset(Preset::MuennighoffC4)
    );
}
