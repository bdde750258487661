//! The operations the image playground offers to add, each with a starting configuration that fits
//! the bundled 256-pixel photos. torchvision's names and defaults (spec §1.1) except where a default
//! would do nothing visible (a size, a range); those are chosen to show the op.

use augment_image::{Op, Step};

/// Every op of the engine, configured. Order: geometry, colour, filters, erasing, policies.
pub fn op_catalog() -> Vec<Op> {
    const JSON: &[&str] = &[
        r#"{"type":"RandomHorizontalFlip","p":0.5}"#,
        r#"{"type":"RandomVerticalFlip","p":0.5}"#,
        r#"{"type":"RandomRotation","degrees":[-30,30],"interpolation":"bilinear"}"#,
        r#"{"type":"RandomAffine","degrees":[-15,15],"translate":[0.1,0.1],"scale":[0.9,1.1],"shear":[-10,10,0,0],"interpolation":"bilinear"}"#,
        r#"{"type":"RandomCrop","size":[128,128],"padding":[16,16,16,16],"padding_mode":"reflect"}"#,
        r#"{"type":"RandomResizedCrop","size":[128,128]}"#,
        r#"{"type":"ColorJitter","brightness":[0.6,1.4],"contrast":[0.6,1.4],"saturation":[0.6,1.4],"hue":[-0.1,0.1]}"#,
        r#"{"type":"Grayscale"}"#,
        r#"{"type":"RandomGrayscale","p":0.2}"#,
        r#"{"type":"GaussianBlur","kernel_size":[9,9],"sigma":[0.1,2.0]}"#,
        r#"{"type":"GaussianNoise","sigma":0.1}"#,
        r#"{"type":"RandomAdjustSharpness","sharpness_factor":2.0,"p":0.5}"#,
        r#"{"type":"RandomPosterize","bits":3,"p":0.5}"#,
        r#"{"type":"RandomSolarize","threshold":128,"p":0.5}"#,
        r#"{"type":"RandomAutocontrast","p":0.5}"#,
        r#"{"type":"RandomEqualize","p":0.5}"#,
        r#"{"type":"RandomInvert","p":0.5}"#,
        r#"{"type":"RandomErasing","p":0.5}"#,
        r#"{"type":"Cutout","n_holes":1,"length":48}"#,
        r#"{"type":"RandAugment"}"#,
        r#"{"type":"TrivialAugmentWide"}"#,
        r#"{"type":"AutoAugment"}"#,
    ];
    // The entries are constants checked by the test below; a bad one is skipped, never a panic.
    JSON.iter().filter_map(|j| serde_json::from_str(j).ok()).collect()
}

/// A new pipeline step for `name` (a torchvision class name), `None` if the catalog has no such op.
pub fn step_for(name: &str) -> Option<Step> {
    op_catalog().into_iter().find(|op| op.name() == name).map(Step::always)
}

#[cfg(test)]
mod tests {
    use super::*;
    use augment_image::{Image, Pipeline};

    #[test]
    fn every_entry_parses_validates_and_runs_on_a_bundled_size() {
        let ops = op_catalog();
        // One entry per op of spec §1.1 (21 ops and the three policies, minus mixup/CutMix, which act on
        // pairs): a missing one means its JSON above no longer parses.
        assert_eq!(ops.len(), 22);
        // chelsea_256.png is 256×170, the smallest bundled photo (assets/images/PROVENANCE.md).
        let img = Image::filled(256, 170, [120, 80, 40, 255]).unwrap();
        for op in ops {
            op.validate().unwrap_or_else(|e| panic!("{}: {e}", op.name()));
            let pipe = Pipeline::new(vec![Step::always(op.clone())]);
            pipe.run(&img, 1).unwrap_or_else(|e| panic!("{}: {e}", op.name()));
            assert_eq!(step_for(op.name()).map(|s| s.op), Some(op));
        }
        assert_eq!(step_for("NoSuchOp"), None);
    }
}
