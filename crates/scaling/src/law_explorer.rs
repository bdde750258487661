//! Parameters and computation of the law explorer widget (chapter 3): loss against N, D or C on
//! log–log axes for one published law, optionally with its constants edited, with a second preset
//! overlaid, and the Chinchilla-form loss split into its irreducible, parameter and data terms.
//!
//! Web-free so that the lesson compiler can validate a block's parameters and native tests can
//! check every plotted number. The widget evaluates closed forms only (a few hundred `powf`), cheap
//! enough for the main thread.
//!
//! Laws ([`LawPreset`]): Kaplan et al. 2020 single-variable laws (eq 1.1 L(N), eq 1.2 L(D),
//! eq 1.3 L(C_min), one per axis), Kaplan's joint L(N, D) (eq 1.5, Table 2) and the Chinchilla
//! form E + A/N^α + B/D^β with the presets of [`crate::chinchilla::Preset`]. Units: N parameters
//! (Kaplan: non-embedding), D tokens, C FLOPs (Kaplan's PF-days converted with
//! [`crate::kaplan::PF_DAY_FLOP`]), L nats per token.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::chinchilla::{preset, ChinchillaParams, Preset, FLOPS_PER_PARAM_TOKEN_TRAIN};
use crate::kaplan;

/// A widget parameter outside its allowed range. `field` is the Rust field name, which is also
/// the URL query key and the lesson block's TOML key. The rule is data, not a sentence, so that
/// the page can word it in the reader's language; `Display` gives the English developer text.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ParamError {
    /// The value breaks `rule`.
    #[error("{field} = {value} is out of range: {rule}")]
    OutOfRange {
        /// Field name.
        field: &'static str,
        /// The offending value, formatted.
        value: String,
        /// What is allowed.
        rule: Rule,
    },
}

/// What a parameter must satisfy.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// `min ≤ value ≤ max` (`min < value` when `open_min`), in `unit`.
    Range {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
        /// Whether `min` itself is excluded.
        open_min: bool,
        /// Unit of the bounds.
        unit: Unit,
    },
    /// The field is the lower end of an axis range: `min ≤ value < upper ≤ max`, where `upper` is
    /// the field holding the upper end.
    Below {
        /// The field of the upper end.
        upper: &'static str,
        /// Lowest allowed lower end.
        min: f64,
        /// Highest allowed upper end.
        max: f64,
        /// Unit of the bounds.
        unit: Unit,
    },
    /// GPUs × hours × peak FLOP/s × utilization must give a budget in [`min`, `max`] FLOPs.
    GpuBudget {
        /// Smallest budget, FLOPs.
        min: f64,
        /// Largest budget, FLOPs.
        max: f64,
    },
}

/// Unit of a parameter's bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A pure number (constants, exponents, counts, fractions).
    None,
    /// Nats per token.
    Nats,
    /// Parameters.
    Params,
    /// Tokens.
    Tokens,
    /// FLOPs.
    Flops,
    /// Petaflop-days.
    PfDays,
    /// FLOP per second.
    FlopsPerSecond,
    /// Hours.
    Hours,
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Unit::None => "",
            Unit::Nats => " nats/token",
            Unit::Params => " parameters",
            Unit::Tokens => " tokens",
            Unit::Flops => " FLOPs",
            Unit::PfDays => " PF-days",
            Unit::FlopsPerSecond => " FLOP/s",
            Unit::Hours => " hours",
        })
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Rule::Range { min, max, open_min, unit } => {
                write!(f, "must be in {}{min:e}, {max:e}]{unit}", if open_min { "(" } else { "[" })
            }
            Rule::Below { upper, min, max, unit } => write!(f, "need {min:e} ≤ it < {upper} ≤ {max:e}{unit}"),
            Rule::GpuBudget { min, max } => write!(f, "GPUs × hours × peak × utilization must give {min:e} to {max:e} FLOPs"),
        }
    }
}

/// `Rule::Range` in `unit`, `min` included.
pub(crate) fn within(min: f64, max: f64, unit: Unit) -> Rule {
    Rule::Range { min, max, open_min: false, unit }
}

/// `Rule::Range` in `unit`, `min` excluded.
pub(crate) fn above(min: f64, max: f64, unit: Unit) -> Rule {
    Rule::Range { min, max, open_min: true, unit }
}

pub(crate) fn check(ok: bool, field: &'static str, value: impl ToString, rule: Rule) -> Result<(), ParamError> {
    if ok {
        Ok(())
    } else {
        Err(ParamError::OutOfRange { field, value: value.to_string(), rule })
    }
}

pub(crate) fn positive(v: f64) -> bool {
    v.is_finite() && v > 0.0
}

/// The variable on the horizontal axis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Axis {
    /// N, parameters (D held at `fixed_d`).
    N,
    /// D, tokens (N held at `fixed_n`).
    D,
    /// C, FLOPs: the loss of the compute-optimal (N, D) at each budget.
    C,
}

/// A published law. Serialized kebab-case: `kaplan2020`, `kaplan-nd`, `hoffmann-rounded`,
/// `hoffmann-unrounded`, `besiroglu2024`, `muennighoff-c4`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LawPreset {
    /// Kaplan et al. 2020 single-variable laws: L(N) eq 1.1 on the N axis, L(D) eq 1.2 on the D
    /// axis, L(C_min) eq 1.3 on the C axis (each with the other resources unlimited).
    Kaplan2020,
    /// Kaplan et al. 2020 joint law eq 1.5 with the Table 2 fit; on the C axis, evaluated at
    /// Kaplan's compute-efficient N (Table 6, [`kaplan::n_opt_for_flop`]) and D = C/(6N).
    KaplanNd,
    /// [`Preset::HoffmannRounded`].
    HoffmannRounded,
    /// [`Preset::HoffmannUnrounded`].
    HoffmannUnrounded,
    /// [`Preset::Besiroglu2024`].
    Besiroglu2024,
    /// [`Preset::MuennighoffC4`].
    MuennighoffC4,
}

impl LawPreset {
    /// All presets in display order.
    pub const ALL: [LawPreset; 6] = [
        LawPreset::Kaplan2020,
        LawPreset::KaplanNd,
        LawPreset::HoffmannRounded,
        LawPreset::HoffmannUnrounded,
        LawPreset::Besiroglu2024,
        LawPreset::MuennighoffC4,
    ];

    /// The kebab-case name (as in URLs and lesson blocks).
    pub fn name(self) -> &'static str {
        match self {
            LawPreset::Kaplan2020 => "kaplan2020",
            LawPreset::KaplanNd => "kaplan-nd",
            LawPreset::HoffmannRounded => "hoffmann-rounded",
            LawPreset::HoffmannUnrounded => "hoffmann-unrounded",
            LawPreset::Besiroglu2024 => "besiroglu2024",
            LawPreset::MuennighoffC4 => "muennighoff-c4",
        }
    }

    /// Parse a kebab-case name.
    pub fn from_name(name: &str) -> Option<LawPreset> {
        LawPreset::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The Chinchilla-form preset, if this is one.
    pub fn chinchilla(self) -> Option<Preset> {
        match self {
            LawPreset::Kaplan2020 | LawPreset::KaplanNd => None,
            LawPreset::HoffmannRounded => Some(Preset::HoffmannRounded),
            LawPreset::HoffmannUnrounded => Some(Preset::HoffmannUnrounded),
            LawPreset::Besiroglu2024 => Some(Preset::Besiroglu2024),
            LawPreset::MuennighoffC4 => Some(Preset::MuennighoffC4),
        }
    }

    /// Bibliographic source of the constants.
    pub fn source(self) -> &'static str {
        match self {
            LawPreset::Kaplan2020 => "Kaplan et al. 2020, arXiv:2001.08361, eqs 1.1–1.3",
            LawPreset::KaplanNd => "Kaplan et al. 2020, arXiv:2001.08361, eq 1.5 / Table 2",
            p => p.chinchilla().map_or("", Preset::source),
        }
    }

    /// [`LawPreset::source`] as Chinese text cites it: authors' names kept, "et al." as 等, and
    /// equation, table and appendix as 式, 表, 附录 (as the chapters write them).
    pub fn source_zh(self) -> &'static str {
        match self {
            LawPreset::Kaplan2020 => "Kaplan 等 2020，arXiv:2001.08361，式 1.1–1.3",
            LawPreset::KaplanNd => "Kaplan 等 2020，arXiv:2001.08361，式 1.5、表 2",
            p => p.chinchilla().map_or("", Preset::source_zh),
        }
    }

    /// The published constants of this preset.
    pub fn law(self) -> Law {
        match self {
            LawPreset::Kaplan2020 => Law::Kaplan(KaplanSingle {
                alpha_n: kaplan::ALPHA_N,
                n_c: kaplan::N_C,
                alpha_d: kaplan::ALPHA_D,
                d_c: kaplan::D_C,
                alpha_c: kaplan::ALPHA_C_MIN,
                c_c_pfdays: kaplan::C_C_MIN_PFDAYS,
            }),
            // Table 2 of Kaplan et al. 2020 (the fit of eq 1.5).
            LawPreset::KaplanNd => Law::KaplanJoint(KaplanJoint { alpha_n: 0.076, n_c: 6.4e13, alpha_d: 0.103, d_c: 1.8e13 }),
            p => Law::Chinchilla(preset(p.chinchilla().unwrap_or(Preset::HoffmannRounded))),
        }
    }
}

/// Constants of Kaplan's single-variable laws (eqs 1.1–1.3): L = (X_c / X)^α_X.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct KaplanSingle {
    /// α_N (eq 1.1).
    pub alpha_n: f64,
    /// N_c, non-embedding parameters.
    pub n_c: f64,
    /// α_D (eq 1.2).
    pub alpha_d: f64,
    /// D_c, tokens.
    pub d_c: f64,
    /// α_C^min (eq 1.3).
    pub alpha_c: f64,
    /// C_c^min, PF-days.
    pub c_c_pfdays: f64,
}

/// Constants of Kaplan's joint law eq 1.5: L = [(N_c/N)^(α_N/α_D) + D_c/D]^α_D.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct KaplanJoint {
    /// α_N.
    pub alpha_n: f64,
    /// N_c, non-embedding parameters.
    pub n_c: f64,
    /// α_D.
    pub alpha_d: f64,
    /// D_c, tokens.
    pub d_c: f64,
}

impl KaplanJoint {
    /// Eq 1.5 in nats/token for `n` non-embedding parameters and `d` tokens.
    pub fn loss(&self, n: f64, d: f64) -> f64 {
        ((self.n_c / n).powf(self.alpha_n / self.alpha_d) + self.d_c / d).powf(self.alpha_d)
    }
}

/// A law with its constants.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Law {
    /// Kaplan's single-variable laws.
    Kaplan(KaplanSingle),
    /// Kaplan's joint L(N, D).
    KaplanJoint(KaplanJoint),
    /// E + A/N^α + B/D^β.
    Chinchilla(ChinchillaParams),
}

/// One evaluated point of a curve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LawPoint {
    /// The abscissa in the axis's unit (parameters, tokens or FLOPs).
    pub x: f64,
    /// N used, parameters (`None`: unlimited, as in Kaplan's L(D)).
    pub n: Option<f64>,
    /// D used, tokens (`None`: unlimited, as in Kaplan's L(N)).
    pub d: Option<f64>,
    /// C = 6·N·D, FLOPs, when both are finite (on the C axis: the budget).
    pub c: Option<f64>,
    /// Loss, nats/token.
    pub loss: f64,
    /// E, nats/token (Chinchilla form only).
    pub irreducible: Option<f64>,
    /// A/N^α, nats/token (Chinchilla form only).
    pub param_term: Option<f64>,
    /// B/D^β, nats/token (Chinchilla form only).
    pub data_term: Option<f64>,
}

impl Law {
    /// Evaluate at abscissa `x` of `axis`; `fixed_n` (parameters) is used on the D axis,
    /// `fixed_d` (tokens) on the N axis. Kaplan's single-variable laws ignore both (their other
    /// resources are unlimited by definition).
    pub fn point(&self, axis: Axis, x: f64, fixed_n: f64, fixed_d: f64) -> LawPoint {
        let six = FLOPS_PER_PARAM_TOKEN_TRAIN;
        match (self, axis) {
            (Law::Chinchilla(p), _) => {
                let (n, d, c) = match axis {
                    Axis::N => (x, fixed_d, six * x * fixed_d),
                    Axis::D => (fixed_n, x, six * fixed_n * x),
                    Axis::C => {
                        let o = p.compute_optimal(x);
                        (o.n_opt, o.d_opt, x)
                    }
                };
                let (pt, dt) = (p.a / n.powf(p.alpha), p.b / d.powf(p.beta));
                LawPoint { x, n: Some(n), d: Some(d), c: Some(c), loss: p.e + pt + dt, irreducible: Some(p.e), param_term: Some(pt), data_term: Some(dt) }
            }
            (Law::Kaplan(k), Axis::N) => {
                let loss = (k.n_c / x).powf(k.alpha_n);
                LawPoint { x, n: Some(x), d: None, c: None, loss, irreducible: None, param_term: None, data_term: None }
            }
            (Law::Kaplan(k), Axis::D) => {
                let loss = (k.d_c / x).powf(k.alpha_d);
                LawPoint { x, n: None, d: Some(x), c: None, loss, irreducible: None, param_term: None, data_term: None }
            }
            (Law::Kaplan(k), Axis::C) => {
                // x is C_min in FLOPs; the law and Table 6 are written in PF-days.
                let pfd = kaplan::flop_to_pfdays(x);
                let n = kaplan::compute_efficient_frontier(pfd).n_opt;
                let loss = (k.c_c_pfdays / pfd).powf(k.alpha_c);
                LawPoint { x, n: Some(n), d: Some(x / (six * n)), c: Some(x), loss, irreducible: None, param_term: None, data_term: None }
            }
            (Law::KaplanJoint(j), _) => {
                let (n, d) = match axis {
                    Axis::N => (x, fixed_d),
                    Axis::D => (fixed_n, x),
                    Axis::C => {
                        let n = kaplan::n_opt_for_flop(x);
                        (n, x / (six * n))
                    }
                };
                LawPoint { x, n: Some(n), d: Some(d), c: Some(six * n * d), loss: j.loss(n, d), irreducible: None, param_term: None, data_term: None }
            }
        }
    }
}

/// Every knob of the law explorer. URL keys and lesson TOML keys are the field names.
///
/// The constant fields (`e` … `c_c`) are used only when `custom` is true (the reader moved a
/// constant's slider); otherwise the preset's published constants apply, so a lesson block can
/// name a preset without restating its constants. Which constant fields a law reads:
/// Chinchilla form `e, a, b, alpha, beta`; `kaplan2020` `alpha_n, n_c, alpha_d, d_c, alpha_c,
/// c_c`; `kaplan-nd` `alpha_n, n_c, alpha_d, d_c`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LawExplorerParams {
    /// Horizontal axis: `n`, `d` or `c`.
    pub axis: Axis,
    /// The law drawn (and edited by the constant sliders).
    pub preset: LawPreset,
    /// Overlay a second law with its published constants.
    pub show_compare: bool,
    /// The overlaid law.
    pub compare: LawPreset,
    /// Draw E, A/N^α and B/D^β beside the total (Chinchilla form only).
    pub show_terms: bool,
    /// Use the constant fields instead of the preset's published values.
    pub custom: bool,
    /// E, nats/token (≥ 0).
    pub e: f64,
    /// A (> 0).
    pub a: f64,
    /// B (> 0).
    pub b: f64,
    /// α (in (0, 2]).
    pub alpha: f64,
    /// β (in (0, 2]).
    pub beta: f64,
    /// Kaplan α_N (in (0, 2]).
    pub alpha_n: f64,
    /// Kaplan N_c, non-embedding parameters (> 0).
    pub n_c: f64,
    /// Kaplan α_D (in (0, 2]).
    pub alpha_d: f64,
    /// Kaplan D_c, tokens (> 0).
    pub d_c: f64,
    /// Kaplan α_C^min (in (0, 2]).
    pub alpha_c: f64,
    /// Kaplan C_c^min, PF-days (> 0).
    pub c_c: f64,
    /// D held fixed while N varies, tokens (in [10⁶, 10¹⁶]).
    pub fixed_d: f64,
    /// N held fixed while D varies, parameters (in [10⁶, 10¹⁴]).
    pub fixed_n: f64,
    /// N axis range, parameters (10³ ≤ n_min < n_max ≤ 10¹⁵).
    pub n_min: f64,
    /// See `n_min`.
    pub n_max: f64,
    /// D axis range, tokens (10⁶ ≤ d_min < d_max ≤ 10¹⁷).
    pub d_min: f64,
    /// See `d_min`.
    pub d_max: f64,
    /// C axis range, FLOPs (10¹⁵ ≤ c_min < c_max ≤ 10³⁰).
    pub c_min: f64,
    /// See `c_min`.
    pub c_max: f64,
    /// Points per curve (log-spaced), 2 ..= 400.
    pub points: u32,
}

impl Default for LawExplorerParams {
    /// Hoffmann (rounded) against N at D = 1.4·10¹² (Chinchilla's tokens), compared with Kaplan.
    fn default() -> Self {
        let mut p = LawExplorerParams {
            axis: Axis::N,
            preset: LawPreset::HoffmannRounded,
            show_compare: true,
            compare: LawPreset::Kaplan2020,
            show_terms: true,
            custom: false,
            e: 0.0,
            a: 0.0,
            b: 0.0,
            alpha: 0.0,
            beta: 0.0,
            alpha_n: 0.0,
            n_c: 0.0,
            alpha_d: 0.0,
            d_c: 0.0,
            alpha_c: 0.0,
            c_c: 0.0,
            fixed_d: 1.4e12,
            fixed_n: 70e9,
            n_min: 1e7,
            n_max: 1e13,
            d_min: 1e8,
            d_max: 1e14,
            c_min: 1e17,
            c_max: 1e27,
            points: 61,
        };
        p.load_constants(LawPreset::HoffmannRounded);
        p
    }
}

/// Curves of the explorer: the main law, and the comparison when shown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LawCurves {
    /// Points of the main law.
    pub main: Vec<LawPoint>,
    /// Points of the comparison law, same abscissae.
    pub compare: Option<Vec<LawPoint>>,
}

impl LawExplorerParams {
    /// Copy `preset`'s published constants into the constant fields (leaving the fields of the
    /// other law families as they were filled by the Chinchilla/Kaplan defaults).
    pub fn load_constants(&mut self, preset: LawPreset) {
        let ch = preset.chinchilla().map(crate::chinchilla::preset).unwrap_or_else(|| crate::chinchilla::preset(Preset::HoffmannRounded));
        self.e = ch.e;
        self.a = ch.a;
        self.b = ch.b;
        self.alpha = ch.alpha;
        self.beta = ch.beta;
        match preset.law() {
            Law::KaplanJoint(j) => {
                self.alpha_n = j.alpha_n;
                self.n_c = j.n_c;
                self.alpha_d = j.alpha_d;
                self.d_c = j.d_c;
                self.alpha_c = kaplan::ALPHA_C_MIN;
                self.c_c = kaplan::C_C_MIN_PFDAYS;
            }
            _ => {
                self.alpha_n = kaplan::ALPHA_N;
                self.n_c = kaplan::N_C;
                self.alpha_d = kaplan::ALPHA_D;
                self.d_c = kaplan::D_C;
                self.alpha_c = kaplan::ALPHA_C_MIN;
                self.c_c = kaplan::C_C_MIN_PFDAYS;
            }
        }
    }

    /// The main law: the preset's constants, or the constant fields when `custom`.
    pub fn law(&self) -> Law {
        if !self.custom {
            return self.preset.law();
        }
        match self.preset.law() {
            Law::Chinchilla(_) => Law::Chinchilla(ChinchillaParams { e: self.e, a: self.a, b: self.b, alpha: self.alpha, beta: self.beta }),
            Law::Kaplan(_) => Law::Kaplan(KaplanSingle {
                alpha_n: self.alpha_n,
                n_c: self.n_c,
                alpha_d: self.alpha_d,
                d_c: self.d_c,
                alpha_c: self.alpha_c,
                c_c_pfdays: self.c_c,
            }),
            Law::KaplanJoint(_) => Law::KaplanJoint(KaplanJoint { alpha_n: self.alpha_n, n_c: self.n_c, alpha_d: self.alpha_d, d_c: self.d_c }),
        }
    }

    /// The axis range (lo, hi) in the axis's unit.
    pub fn range(&self) -> (f64, f64) {
        match self.axis {
            Axis::N => (self.n_min, self.n_max),
            Axis::D => (self.d_min, self.d_max),
            Axis::C => (self.c_min, self.c_max),
        }
    }

    /// `points` log-spaced abscissae from the axis range.
    pub fn grid(&self) -> Vec<f64> {
        let (lo, hi) = self.range();
        let k = self.points.max(2);
        let (l0, l1) = (lo.ln(), hi.ln());
        (0..k).map(|i| (l0 + (l1 - l0) * i as f64 / (k - 1) as f64).exp()).collect()
    }

    /// Evaluate the main and comparison curves on [`Self::grid`]. Call [`Self::validate`] first;
    /// on invalid parameters the numbers may be NaN or infinite.
    pub fn curves(&self) -> LawCurves {
        let grid = self.grid();
        let eval = |law: Law| grid.iter().map(|&x| law.point(self.axis, x, self.fixed_n, self.fixed_d)).collect::<Vec<_>>();
        LawCurves { main: eval(self.law()), compare: self.show_compare.then(|| eval(self.compare.law())) }
    }

    /// Checks every field; the error names the first offending field.
    pub fn validate(&self) -> Result<(), ParamError> {
        let exponent = |v: f64| v.is_finite() && v > 0.0 && v <= 2.0;
        check(self.e.is_finite() && (0.0..=10.0).contains(&self.e), "e", self.e, within(0.0, 10.0, Unit::Nats))?;
        check(positive(self.a) && self.a <= 1e12, "a", self.a, above(0.0, 1e12, Unit::None))?;
        check(positive(self.b) && self.b <= 1e12, "b", self.b, above(0.0, 1e12, Unit::None))?;
        check(exponent(self.alpha), "alpha", self.alpha, above(0.0, 2.0, Unit::None))?;
        check(exponent(self.beta), "beta", self.beta, above(0.0, 2.0, Unit::None))?;
        check(exponent(self.alpha_n), "alpha_n", self.alpha_n, above(0.0, 2.0, Unit::None))?;
        check(positive(self.n_c) && self.n_c <= 1e20, "n_c", self.n_c, above(0.0, 1e20, Unit::Params))?;
        check(exponent(self.alpha_d), "alpha_d", self.alpha_d, above(0.0, 2.0, Unit::None))?;
        check(positive(self.d_c) && self.d_c <= 1e20, "d_c", self.d_c, above(0.0, 1e20, Unit::Tokens))?;
        check(exponent(self.alpha_c), "alpha_c", self.alpha_c, above(0.0, 2.0, Unit::None))?;
        check(positive(self.c_c) && self.c_c <= 1e15, "c_c", self.c_c, above(0.0, 1e15, Unit::PfDays))?;
        check(positive(self.fixed_d) && (1e6..=1e16).contains(&self.fixed_d), "fixed_d", self.fixed_d, within(1e6, 1e16, Unit::Tokens))?;
        check(positive(self.fixed_n) && (1e6..=1e14).contains(&self.fixed_n), "fixed_n", self.fixed_n, within(1e6, 1e14, Unit::Params))?;
        let range = |lo: f64, hi: f64, min: f64, max: f64| positive(lo) && positive(hi) && lo >= min && hi <= max && lo < hi;
        let below = |upper: &'static str, min: f64, max: f64, unit: Unit| Rule::Below { upper, min, max, unit };
        check(range(self.n_min, self.n_max, 1e3, 1e15), "n_min", self.n_min, below("n_max", 1e3, 1e15, Unit::Params))?;
        check(range(self.d_min, self.d_max, 1e6, 1e17), "d_min", self.d_min, below("d_max", 1e6, 1e17, Unit::Tokens))?;
        check(range(self.c_min, self.c_max, 1e15, 1e30), "c_min", self.c_min, below("c_max", 1e15, 1e30, Unit::Flops))?;
        check((2..=400).contains(&self.points), "points", self.points, within(2.0, 400.0, Unit::None))?;
        Ok(())
    }

    /// The data table as CSV (header + one row per abscissa): x in the axis unit, N, D, C, loss
    /// and its terms (empty cell where a law has no such term), and the comparison loss.
    pub fn table_csv(&self) -> String {
        let curves = self.curves();
        let x_name = match self.axis {
            Axis::N => "N_params",
            Axis::D => "D_tokens",
            Axis::C => "C_flop",
        };
        let cell = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.6e}"));
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut header = vec![x_name, "N_params", "D_tokens", "C_flop", "loss_nats", "E_nats", "A_over_N_alpha_nats", "B_over_D_beta_nats"];
        if curves.compare.is_some() {
            header.push("compare_loss_nats");
        }
        // Writing to a Vec cannot fail; errors would only come from I/O.
        let _ = w.write_record(&header);
        for (i, p) in curves.main.iter().enumerate() {
            let mut row = vec![cell(Some(p.x)), cell(p.n), cell(p.d), cell(p.c), cell(Some(p.loss)), cell(p.irreducible), cell(p.param_term), cell(p.data_term)];
            if let Some(c) = &curves.compare {
                row.push(cell(c.get(i).map(|q| q.loss)));
            }
            let _ = w.write_record(&row);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_validate_and_preset_names_round_trip() {
        assert_eq!(LawExplorerParams::default().validate(), Ok(()));
        for p in LawPreset::ALL {
            assert_eq!(LawPreset::from_name(p.name()), Some(p));
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.name()));
        }
    }

    #[test]
    fn chinese_sources_cite_the_same_works_in_chinese_form() {
        for p in LawPreset::ALL {
            let (en, zh) = (p.source(), p.source_zh());
            assert!(!zh.contains("et al") && zh.contains(" 等 "), "{p:?}: {zh}");
            // Same authors, years and arXiv ids as the English citation.
            let words = |s: &'static str| s.split(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '.')).map(|w| w.trim_end_matches('.')).collect::<Vec<_>>();
            for w in words(en) {
                let kept = w.starts_with("arXiv:") || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
                    || ["Kaplan", "Hoffmann", "Besiroglu", "Muennighoff"].contains(&w);
                if kept {
                    assert!(words(zh).contains(&w), "{p:?}: {w} of {en:?} is missing from {zh:?}");
                }
            }
        }
    }

    #[test]
    fn validate_names_the_field() {
        let p = LawExplorerParams { alpha: -0.1, ..Default::default() };
        match p.validate() {
            Err(ParamError::OutOfRange { field, .. }) => assert_eq!(field, "alpha"),
            other => panic!("{other:?}"),
        }
        let p = LawExplorerParams { n_min: 1e12, n_max: 1e9, ..Default::default() };
        assert!(matches!(p.validate(), Err(ParamError::OutOfRange { field: "n_min", .. })));
        let p = LawExplorerParams { fixed_d: f64::NAN, ..Default::default() };
        assert!(matches!(p.validate(), Err(ParamError::OutOfRange { field: "fixed_d", .. })));
    }
}
