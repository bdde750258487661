//! Compute-optimal allocation and the inference-aware optimum checked against the reference
//! values (shared/reference/scaling-laws.json, Hoffmann et al. 2022 eq 4 / App D.2) and against
//! numeric minimisation.

use scaling::chinchilla::{preset, InferenceError, Preset};
use scaling::{kaplan, muennighoff};

/// The numeric IsoFLOP minimum agrees with the closed form for every preset and several budgets.
#[test]
fn isoflop_minimum_agrees_with_closed_form() {
    for p in Preset::ALL {
        let q = preset(p);
        for c in [1e19, 1e21, 5.76e23, 1e26] {
            let closed = q.compute_optimal(c);
            let num = q.isoflop_minimum(c, 1e3, 1e16);
            assert!(
                (num.n / closed.n_opt - 1.0).abs() < 1e-5,
                "{p:?} C={c:e}: {} vs {}",
                num.n,
                closed.n_opt
            );
            assert!((num.loss / closed.l_opt - 1.0).abs() < 1e-12);
            // The profile is higher away from the optimum on both sides.
            let prof =
                q.isoflop_profile(c, &[closed.n_opt / 3.0, closed.n_opt, closed.n_opt * 3.0]);
            assert!(prof[0].loss > prof[1].loss && prof[2].loss > prof[1].loss);
            assert!((prof[1].d * prof[1].n * 6.0 / c - 1.0).abs() < 1e-12);
        }
    }
}

/// Reference vector chin_opt_hoffmann_rounded_C5.76e+23: N_opt = 32 189 859 150,
/// L_opt = 1.930748102. With no inference tokens the inference-aware optimum at that loss is the
/// Chinchilla optimum.
#[test]
fn inference_optimum_without_inference_is_chinchilla() {
    let q = preset(Preset::HoffmannRounded);
    let r = q.inference_optimal(1.930748102, 0.0).unwrap();
    assert!((r.n / 32189859150.0 - 1.0).abs() < 1e-5, "{}", r.n);
    assert!(
        (r.train_flop / 5.76e23 - 1.0).abs() < 1e-5,
        "{}",
        r.train_flop
    );
}

/// With inference demand, the optimum trains a smaller model on more tokens, meets the target
/// loss exactly, and no nearby N is cheaper (brute-force check).
#[test]
fn inference_optimum_shrinks_the_model_and_is_minimal() {
    let q = preset(Preset::HoffmannRounded);
    let target = 1.930748102;
    let base = q.inference_optimal(target, 0.0).unwrap();
    let r = q.inference_optimal(target, 1e13).unwrap();
    assert!(r.n < base.n && r.d_train > base.d_train);
    assert!((q.loss(r.n, r.d_train) / target - 1.0).abs() < 1e-9);
    let cost = |n: f64| {
        let gap = target - q.e - q.a / n.powf(q.alpha);
        let d = (q.b / gap).powf(1.0 / q.beta);
        6.0 * n * d + 2.0 * n * 1e13
    };
    for f in [0.9, 0.99, 1.01, 1.1] {
        assert!(cost(r.n * f) > r.total_flop, "factor {f}");
    }
    assert!(matches!(
        q.inference_optimal(1.5, 0.0),
        Err(InferenceError::Unreachable { .. })
    ));
    assert!(q.inference_optimal(2.0, f64::NAN).is_err());
}

/// Kaplan: PF-day = 8.64e19 FLOP; Table 6 N_opt at 1e21 FLOP is Hoffmann D.4's "4.68B"
/// (reference `d4_head_to_head_1e21.kaplan_N` = 4.68e9, to the 3 digits printed).
#[test]
fn kaplan_units_and_frontier() {
    assert_eq!(kaplan::pfdays_to_flop(1.0), 8.64e19);
    assert!((kaplan::flop_to_pfdays(8.64e21) - 100.0).abs() < 1e-12);
    assert!((kaplan::n_opt_for_flop(1e21) / 4.68e9 - 1.0).abs() < 1e-3);
    let f = kaplan::compute_efficient_frontier(1.0);
    assert_eq!(
        (f.n_opt, f.batch_tokens, f.s_min, f.d_opt),
        (1.3e9, 2e6, 5.4e3, 2e10)
    );
    // Sec 1.2: doubling N multiplies L(N) by 2^-0.076 = 0.95.
    assert!((kaplan::loss_n(2e9) / kaplan::loss_n(1e9) - 0.9486843151).abs() < 1e-9);
}

/// Muennighoff et al. App A: D' saturates at U·(1 + R_D*) and the law rejects U > D.
#[test]
fn data_constrained_limits_and_errors() {
    let sat = muennighoff::effective_data(1.0, 1e6, muennighoff::R_D_STAR);
    assert!((sat - (1.0 + muennighoff::R_D_STAR)).abs() < 1e-9);
    // One epoch: no discount.
    assert_eq!(muennighoff::effective_data(5.0, 0.0, 3.0), 5.0);
    assert!(muennighoff::loss(1e9, 1e9, 2e9).is_err());
    assert!(muennighoff::loss(-1.0, 1e9, 1e9).is_err());
    // Single epoch, N below U_N: equals the plain C4 Chinchilla law.
    let c4 = preset(Preset::MuennighoffC4);
    let l = muennighoff::loss(1e8, 1e10, 1e10).unwrap();
    assert!((l / c4.loss(1e8, 1e10) - 1.0).abs() < 1e-12);
}

#[test]
fn preset_names_round_trip() {
    for p in Preset::ALL {
        assert_eq!(Preset::from_name(p.name()), Some(p));
        let json = format!("\"{}\"", p.name());
        assert_eq!(serde_json::to_string(&p).unwrap(), json);
    }
    assert_eq!(Preset::from_name("nope"), None);
}
