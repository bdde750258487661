//! Broken neural scaling laws (Caballero et al. 2022, arXiv:2210.14891, eq 1):
//! y = a + b·x^(−c₀)·Π_i (1 + (x/d_i)^(1/f_i))^(−c_i·f_i).
//!
//! Each "break" i bends the log–log slope by −c_i around x = d_i, with sharpness f_i (small f =
//! sharp break). x is whatever the quantity scales with (compute, data, parameters); y is in the
//! units of the evaluated metric.

use serde::{Deserialize, Serialize};

/// Constants of a BNSL with n breaks; `c`, `d`, `f` have the same length n.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BnslParams {
    /// a, the limit of y as x → ∞ when the final slope is negative (units of y).
    pub a: f64,
    /// b, scale of the first power law (units of y · x^c₀).
    pub b: f64,
    /// c₀, slope of the first segment on log–log axes (negated).
    pub c0: f64,
    /// c_i, change of slope at break i.
    pub c: Vec<f64>,
    /// d_i, location of break i (units of x).
    pub d: Vec<f64>,
    /// f_i, sharpness of break i (dimensionless, > 0).
    pub f: Vec<f64>,
}

impl BnslParams {
    /// The parameters of Caballero et al.'s Figure 1 as set in the authors' plotting script
    /// (ethancaballero/broken_neural_scaling_laws): a = 0.001, b = 4660, c₀ = 0.05,
    /// c = [0.49, −0.811, 2.1], d = [3·10⁶, 10¹⁴, 2·10²⁰], f = [1.1, 1.425, 0.05].
    pub fn caballero_fig1() -> BnslParams {
        BnslParams {
            a: 0.001,
            b: 4660.0,
            c0: 0.05,
            c: vec![0.49, -0.811, 2.1],
            d: vec![3e6, 1e14, 2e20],
            f: vec![1.1, 1.425, 0.05],
        }
    }

    /// y(x) of eq 1. Breaks beyond the shortest of `c`, `d`, `f` are ignored.
    pub fn eval(&self, x: f64) -> f64 {
        let mut y = self.b * x.powf(-self.c0);
        for ((&ci, &di), &fi) in self.c.iter().zip(&self.d).zip(&self.f) {
            y *= (1.0 + (x / di).powf(1.0 / fi)).powf(-ci * fi);
        }
        self.a + y
    }
}
