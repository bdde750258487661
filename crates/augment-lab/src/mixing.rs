//! The digit-mixing job: mixup (Zhang et al. 2018) or CutMix (Yun et al. 2019) on a chosen pair
//! of UCI digits, and on a random batch the way torchvision v2's `MixUp`/`CutMix` treat a batch:
//! one λ (and one box) for the whole batch, element `i` mixed with element `i − 1` (`roll(1)`).

use augment_image::mix::{cutmix, draw_cutmix, draw_lam, mix_label_indices, mixup};
use augment_image::{Image, Rng};
use rand::Rng as _;

use crate::digits::{digits, Digits, NUM_CLASSES, SIDE};
use crate::grid::bad;
use crate::params::MixMethod;
use crate::protocol::{JobError, MixJob, MixOutput, MixSample};

/// Batch sizes of the batch view.
pub const BATCH_RANGE: std::ops::RangeInclusive<u32> = 2..=16;

/// Bytes of one mixed sample in the pixel buffer: three 8×8 RGBA images (`a`, `b`, mixed).
pub const SAMPLE_BYTES: usize = 3 * 4 * (SIDE * SIDE) as usize;

/// One λ (mixup) or one λ and box (CutMix), drawn once and applied to every pair of a batch.
enum Draw {
    Mixup { lam: f64 },
    Cutmix(augment_image::mix::CutMixParams),
}

fn draw(method: MixMethod, alpha: f64, rng: &mut Rng) -> Result<Draw, JobError> {
    Ok(match method {
        MixMethod::Mixup => Draw::Mixup {
            lam: draw_lam(rng, alpha).map_err(bad)?,
        },
        MixMethod::Cutmix => Draw::Cutmix(draw_cutmix(rng, alpha, SIDE, SIDE).map_err(bad)?),
    })
}

fn digit(d: &Digits, i: usize) -> Result<(Image, u8), JobError> {
    match (d.image(i), d.label(i)) {
        (Some(img), Some(label)) => Ok((img, label)),
        _ => Err(bad(format!(
            "digit index must be in 0..{}, got {i}",
            d.len()
        ))),
    }
}

/// Mix digits `a` and `b` with `draw`; append `a`, `b` and the mix to `pixels`.
fn mix_pair(
    d: &Digits,
    a: usize,
    b: usize,
    draw: &Draw,
    pixels: &mut Vec<u8>,
) -> Result<MixSample, JobError> {
    let (img_a, label_a) = digit(d, a)?;
    let (img_b, label_b) = digit(d, b)?;
    let (mixed, lam, lam_used, cut_box) = match draw {
        Draw::Mixup { lam } => (mixup(&img_a, &img_b, *lam).map_err(bad)?, *lam, *lam, None),
        Draw::Cutmix(p) => {
            let (img, lam_adj) = cutmix(&img_a, &img_b, &p.cut_box).map_err(bad)?;
            (img, p.lam, lam_adj, Some(p.cut_box))
        }
    };
    let label =
        mix_label_indices(label_a.into(), label_b.into(), lam_used, NUM_CLASSES).map_err(bad)?;
    pixels.extend_from_slice(&img_a.data);
    pixels.extend_from_slice(&img_b.data);
    pixels.extend_from_slice(&mixed.data);
    Ok(MixSample {
        a,
        b,
        label_a,
        label_b,
        lam,
        lam_used,
        cut_box,
        label,
    })
}

/// Run a [`MixJob`].
///
/// Draw order from one ChaCha8 stream seeded by `seed`: the pair's λ (and CutMix box centre), then
/// the `batch` digit indices (uniform over the dataset), then the batch's λ (and box).
///
/// Returns the output and the pixels: for the pair, then each batch element, three 8×8 RGBA
/// images (`a`, `b`, mixed), [`SAMPLE_BYTES`] bytes per sample.
///
/// # Errors
/// [`JobError::BadParams`] for α not > 0, a digit index ≥ 1,797 or a batch outside 2..=16.
pub fn run_mix(job: &MixJob) -> Result<(MixOutput, Vec<u8>), JobError> {
    if !BATCH_RANGE.contains(&job.batch) {
        return Err(bad(format!("batch must be in 2..=16, got {}", job.batch)));
    }
    let d = digits().map_err(|detail| JobError::Corrupt { detail })?;
    let n = job.batch as usize;
    let mut pixels = Vec::with_capacity(SAMPLE_BYTES * (1 + n));
    let mut rng = augment_image::rng_from_seed(job.seed);

    let pair_draw = draw(job.method, job.alpha, &mut rng)?;
    let pair = mix_pair(d, job.a, job.b, &pair_draw, &mut pixels)?;

    let indices: Vec<usize> = (0..n).map(|_| rng.random_range(0..d.len())).collect();
    let batch_draw = draw(job.method, job.alpha, &mut rng)?;
    let batch = (0..n)
        .map(|i| {
            mix_pair(
                d,
                indices[i],
                indices[(i + n - 1) % n],
                &batch_draw,
                &mut pixels,
            )
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((MixOutput { pair, batch }, pixels))
}
