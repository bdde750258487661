//! The image playground's job: decode the photo, then run the pipeline once per grid sample.
//! Sample `i` uses [`sample_seed`]`(seed, i)`, so the page can reproduce any one sample alone, or split
//! a grid over two workers (`first`).

use crate::decode::decode;
use crate::protocol::{sample_seed, GridJob, GridOutput, GridSample, JobError};

/// Most samples in one grid.
pub const MAX_SAMPLES: u32 = 16;

/// Cap on the reply's pixel buffer, bytes (256 MiB): a pipeline that enlarges every sample (say a
/// `Resize` to 4096²) is refused instead of exhausting the worker's memory.
pub const MAX_PIXEL_BYTES: usize = 256 << 20;

pub(crate) fn bad(e: impl std::fmt::Display) -> JobError {
    JobError::BadParams {
        detail: e.to_string(),
    }
}

/// Run a [`GridJob`] on the encoded image `file`.
///
/// Returns the output and the pixels: the downscaled original (`used_width × used_height` RGBA
/// bytes), then each sample's `width × height × 4` bytes, in order.
///
/// # Errors
/// [`JobError::BadParams`] for `samples ∉ 1..=16`, an invalid pipeline, a step that cannot run on
/// the image (e.g. a crop larger than it) or samples over [`MAX_PIXEL_BYTES`]; the decoder's errors
/// (see [`decode`]); [`JobError::EmptyFile`] when no file came with the job.
pub fn run_grid(job: &GridJob, file: Option<&[u8]>) -> Result<(GridOutput, Vec<u8>), JobError> {
    if !(1..=MAX_SAMPLES).contains(&job.samples) || job.first.saturating_add(job.samples) > MAX_SAMPLES {
        return Err(bad(format!(
            "samples must be in 1..={MAX_SAMPLES} and first + samples ≤ {MAX_SAMPLES}, got {} from {}",
            job.samples, job.first
        )));
    }
    // Before decoding: a bad pipeline should not cost a decode.
    job.pipeline.validate().map_err(bad)?;
    let (source, img) = decode(file.unwrap_or_default(), job.max_side)?;
    let mut pixels = Vec::with_capacity(img.data.len() * (1 + job.samples as usize));
    pixels.extend_from_slice(&img.data);
    let mut samples = Vec::with_capacity(job.samples as usize);
    for i in job.first..job.first + job.samples {
        let seed = sample_seed(job.seed, i);
        let (out, applied) = job.pipeline.run(&img, seed).map_err(bad)?;
        if pixels.len() + out.data.len() > MAX_PIXEL_BYTES {
            return Err(bad(format!(
                "the samples need more than {} MiB of pixels; use a smaller output size",
                MAX_PIXEL_BYTES >> 20
            )));
        }
        pixels.extend_from_slice(&out.data);
        samples.push(GridSample {
            width: out.width,
            height: out.height,
            seed,
            applied,
        });
    }
    Ok((GridOutput { source, samples }, pixels))
}
