//! Error types shared by the simulations: bad parameters (reported per field so the widget can
//! point at the offending control), cancellation from the progress callback, and a failed fit.

use thiserror::Error;

use crate::loglog::FitError;

/// A simulation parameter outside its allowed range, or a run whose cost exceeds the cap.
#[derive(Clone, Debug, PartialEq, Error)]
pub enum ParamError {
    /// `field` is the Rust field name (also the widget's URL query key).
    #[error("{field} = {value} is out of range: {rule}")]
    OutOfRange {
        field: &'static str,
        value: String,
        rule: &'static str,
    },
    /// Estimated work (`unit` says what is counted) is above what one run may cost in a browser.
    #[error("this run would cost {cost:.3e} {unit}, above the cap of {cap:.3e}; lower the largest n or the repeats")]
    TooCostly {
        cost: f64,
        cap: f64,
        unit: &'static str,
    },
}

impl ParamError {
    pub(crate) fn range(field: &'static str, value: impl ToString, rule: &'static str) -> Self {
        ParamError::OutOfRange {
            field,
            value: value.to_string(),
            rule,
        }
    }
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
