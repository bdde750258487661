//! Composition: a [`Pipeline`] is a list of [`Step`]s (an [`Op`] and the probability `p` of running
//! it, like `RandomApply`), run with one seed; it records what each step drew ([`Applied`]) so the UI
//! can show the parameters of every sample.
//!
//! URL form ([`Pipeline::to_url`]): `"p1."` followed by the pipeline's compact JSON encoded as
//! unpadded base64url (RFC 4648 §5, alphabet `A–Z a–z 0–9 - _`). Every character is URL-unreserved,
//! so the string can be used as a query value without percent-encoding; the `p1.` prefix versions
//! the format. The same pipeline in a lesson block is plain serde (TOML/JSON) of [`Pipeline`].

use base64::Engine as _;
use rand::Rng as _;
use serde::{Deserialize, Serialize};

use crate::ops::{apply, Op, Params};
use crate::{rng_from_seed, AugmentError, Image, Result};

fn one() -> f64 {
    1.0
}

/// One pipeline step: run `op` with probability `p` (default 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub op: Op,
    #[serde(default = "one")]
    pub p: f64,
}

impl Step {
    /// A step that always runs (`p = 1`).
    pub fn always(op: Op) -> Self {
        Self { op, p: 1.0 }
    }
}

/// An ordered list of steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Pipeline {
    pub ops: Vec<Step>,
}

/// What a pipeline step did on one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    /// Index of the step in the pipeline.
    pub index: usize,
    /// torchvision class name of the op.
    pub name: String,
    /// Whether the step's `p` coin said yes.
    pub ran: bool,
    /// The drawn parameters when it ran.
    pub params: Option<Params>,
}

/// Prefix of the URL form, versioning it.
pub const URL_PREFIX: &str = "p1.";

impl Pipeline {
    /// Build from steps.
    pub fn new(ops: Vec<Step>) -> Self {
        Self { ops }
    }

    /// Check every step (`p ∈ [0, 1]` and the op's own constraints).
    pub fn validate(&self) -> Result<()> {
        for s in &self.ops {
            if !(0.0..=1.0).contains(&s.p) {
                return Err(crate::bad("p", format!("step probability must be in [0, 1], got {}", s.p)));
            }
            s.op.validate()?;
        }
        Ok(())
    }

    /// Run the pipeline on `img` with a ChaCha8 stream seeded by `seed`: per step, one `U(0,1)` coin
    /// (`< p` runs it), then the op's draw and apply. `img` is not mutated. Same seed, same output.
    /// Errors from validation or from an op that cannot fit the current image (e.g. a crop larger
    /// than the image) are returned with nothing partial.
    pub fn run(&self, img: &Image, seed: u64) -> Result<(Image, Vec<Applied>)> {
        self.validate()?;
        img.validate()?;
        let mut rng = rng_from_seed(seed);
        let mut cur: Option<Image> = None;
        let mut log = Vec::with_capacity(self.ops.len());
        for (index, step) in self.ops.iter().enumerate() {
            let ran = rng.random::<f64>() < step.p;
            let mut params = None;
            if ran {
                let src = cur.as_ref().unwrap_or(img);
                let pr = step.op.draw(src.width, src.height, &mut rng)?;
                // An identity draw (no flip, a coin that said no) keeps the current image: no copy.
                if !pr.is_identity() {
                    cur = Some(apply(&pr, src)?);
                }
                params = Some(pr);
            }
            log.push(Applied {
                index,
                name: step.op.name().to_string(),
                ran,
                params,
            });
        }
        Ok((cur.unwrap_or_else(|| img.clone()), log))
    }

    /// `n` independent samples (e.g. the 16-sample grid), sample `i` run with the `i`-th `u64` of a
    /// ChaCha8 stream seeded by `seed`.
    pub fn samples(&self, img: &Image, seed: u64, n: usize) -> Result<Vec<(Image, Vec<Applied>)>> {
        let mut seeds = rng_from_seed(seed);
        (0..n).map(|_| self.run(img, seeds.random())).collect()
    }

    /// Compact URL-safe encoding (see the module docs).
    pub fn to_url(&self) -> String {
        // Serializing plain data structs to JSON cannot fail (no maps with non-string keys).
        let json = serde_json::to_vec(self).unwrap_or_default();
        format!(
            "{URL_PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json)
        )
    }

    /// Decode [`Pipeline::to_url`]'s form and validate it. Errors: [`AugmentError::Decode`] for a
    /// wrong prefix, bad base64 or JSON; validation errors for out-of-range values.
    pub fn from_url(s: &str) -> Result<Self> {
        let body = s
            .strip_prefix(URL_PREFIX)
            .ok_or_else(|| AugmentError::Decode(format!("missing prefix {URL_PREFIX:?}")))?;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|e| AugmentError::Decode(e.to_string()))?;
        let p: Pipeline =
            serde_json::from_slice(&bytes).map_err(|e| AugmentError::Decode(e.to_string()))?;
        p.validate()?;
        Ok(p)
    }

    /// Pretty JSON (for lesson blocks and debugging).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Parse JSON and validate.
    pub fn from_json(s: &str) -> Result<Self> {
        let p: Pipeline = serde_json::from_str(s).map_err(|e| AugmentError::Decode(e.to_string()))?;
        p.validate()?;
        Ok(p)
    }
}
