//! Error types shared by the simulations: bad parameters (reported per field so the widget can
//! point at the offending control), cancellation from the progress callback, and a failed fit.
//!
//! Errors are data: which field, its value, the rule it broke (with its bounds) or the cost against
//! the cap. The `Display` texts are the developer's (lesson compiler, tests); the app words the same
//! data for the reader in the page's language.

use std::fmt;

use thiserror::Error;

use crate::loglog::FitError;

/// The rule an out-of-range value broke, with its bounds as numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// Must lie in `min..=max` (both included).
    Between { min: f64, max: f64 },
    /// Must be ≥ `min`.
    AtLeast(f64),
    /// Must be ≤ `max`.
    AtMost(f64),
    /// Must be finite and > 0.
    Positive,
    /// Must be finite and ≥ 0.
    NonNegative,
    /// Must be greater than the named field (its Rust name, as in [`ParamError::OutOfRange`]).
    Above(&'static str),
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Between { min, max } => write!(f, "must be in {min}..={max}"),
            Rule::AtLeast(min) => write!(f, "must be ≥ {min}"),
            Rule::AtMost(max) => write!(f, "must be ≤ {max}"),
            Rule::Positive => write!(f, "must be finite and > 0"),
            Rule::NonNegative => write!(f, "must be finite and ≥ 0"),
            Rule::Above(other) => write!(f, "must be > {other}"),
        }
    }
}

/// What a run's cost counts (see each simulation's `cost()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostUnit {
    /// Normal draws (mean estimation: `Σ_n n·repeats`).
    NormalDraws,
    /// Point-dimensions (box averaging: `repeats·Σ_n (n + test points)·d`).
    PointDimensions,
    /// Multiply-adds of the least-squares fits (capacity sweep: `repeats·Σ_p n·p·min(n, p)`).
    MultiplyAdds,
}

impl fmt::Display for CostUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CostUnit::NormalDraws => "normal draws",
            CostUnit::PointDimensions => "point-dimensions",
            CostUnit::MultiplyAdds => "multiply-adds",
        })
    }
}

/// A simulation parameter outside its allowed range, or a run whose cost exceeds the cap.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ParamError {
    /// `field` is the Rust field name (also the widget's URL query key); `value` as it was given.
    #[error("{field} = {value} is out of range: {rule}")]
    OutOfRange {
        field: &'static str,
        value: String,
        rule: Rule,
    },
    /// Estimated work (`unit` says what is counted) is above what one run may cost in a browser.
    /// `max_repeats` is the most repeats that would fit the cap with the same n range (0 when
    /// even one repeat is too costly).
    #[error("this run would cost {cost:.3e} {unit}, above the cap of {cap:.3e}; lower the largest n or the repeats")]
    TooCostly {
        cost: f64,
        cap: f64,
        unit: CostUnit,
        max_repeats: usize,
    },
}

impl ParamError {
    pub(crate) fn range(field: &'static str, value: impl ToString, rule: Rule) -> Self {
        ParamError::OutOfRange {
            field,
            value: value.to_string(),
            rule,
        }
    }
}

/// The most repeats whose cost (`per_repeat` each) stays within `cap`, at most `limit`; 0 if even one
/// repeat is over. Both simulators' `max_repeats` (the same rule with their own cost unit and cap).
pub(crate) fn repeats_within(cap: f64, per_repeat: f64, limit: usize) -> usize {
    if per_repeat <= 0.0 {
        return limit;
    }
    ((cap / per_repeat).floor() as usize).min(limit)
}

/// Why a simulation did not produce a result.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum SimError {
    #[error("invalid parameters: {0}")]
    Invalid(#[from] ParamError),
    /// The progress callback returned `false`.
    #[error("cancelled")]
    Cancelled,
    /// The measured curve could not be fitted (for example an error of exactly 0).
    #[error("could not fit the measured curve: {0}")]
    Fit(#[from] FitError),
}

/// Calls the user's progress callback at most about every 1 % of the work (plus at the ends), so a
/// Web Worker does not flood the main thread with messages.
pub(crate) struct Progress<'a> {
    callback: &'a mut dyn FnMut(f64) -> bool,
    total: f64,
    done: f64,
    last_reported: f64,
}

impl<'a> Progress<'a> {
    /// Reports 0 immediately; `total` is the run's cost in the same units later passed to `advance`.
    pub(crate) fn start(
        callback: &'a mut dyn FnMut(f64) -> bool,
        total: f64,
    ) -> Result<Self, SimError> {
        let mut p = Progress {
            callback,
            total: total.max(1.0),
            done: 0.0,
            last_reported: 0.0,
        };
        if !(p.callback)(0.0) {
            return Err(SimError::Cancelled);
        }
        p.last_reported = 0.0;
        Ok(p)
    }

    pub(crate) fn advance(&mut self, work: f64) -> Result<(), SimError> {
        self.done += work;
        let fraction = (self.done / self.total).clamp(0.0, 1.0);
        if fraction - self.last_reported >= 0.01 {
            self.last_reported = fraction;
            if !(self.callback)(fraction) {
                return Err(SimError::Cancelled);
            }
        }
        Ok(())
    }

    pub(crate) fn finish(self) -> Result<(), SimError> {
        if (self.callback)(1.0) {
            Ok(())
        } else {
            Err(SimError::Cancelled)
        }
    }
}
