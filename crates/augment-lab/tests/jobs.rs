//! The augmentation worker's jobs end to end through `protocol::handle` and `protocol::run`: the
//! image grid on the bundled photos, digit mixing (mixup, CutMix, the batch view) and the text
//! playground, plus every refusal. Oracles: the photos' sizes in `assets/images/PROVENANCE.md`,
//! CutMix's area-corrected λ (Yun et al. 2019, eq. 2 and the paragraph after it: λ = 1 − r_w·r_h /
//! (W·H)), torchvision v2's batch pairing with `roll(1)`, eda.py's cleaning and the jieba README.

use augment_image::{Op, Pipeline, Step};
use augment_lab::digits::digits;
use augment_lab::params::{default_pipeline, MixMethod, TextLang};
use augment_lab::protocol::{
    handle, run, sample_seed, GridJob, Job, JobError, MixJob, MixOutput, Output, Reply, Request,
    TextJob, TextOutput,
};
use augment_text::{CharNoiseConfig, EdaConfig};

fn bundled(name: &str) -> Vec<u8> {
    let path = format!("{}/../../assets/images/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn grid_job(seed: u64, samples: u32) -> GridJob {
    GridJob {
        pipeline: default_pipeline(),
        seed,
        samples,
        first: 0,
        max_side: 512,
    }
}

/// Run a job and return its output and pixels; an `Err` is shown without the (huge) pixels.
fn run_ok(job: Job, file: Option<&[u8]>) -> (Output, Vec<u8>) {
    match run(&job, file) {
        Ok(r) => r,
        Err(e) => panic!("{job:?} failed: {e:?}"),
    }
}

fn run_err(job: Job, file: Option<&[u8]>) -> JobError {
    match run(&job, file) {
        Ok((out, px)) => panic!(
            "expected an error, got {} pixel bytes and {out:?}",
            px.len()
        ),
        Err(e) => e,
    }
}

// --- Grid

#[test]
fn grid_on_chelsea_has_sixteen_samples_and_the_documented_pixel_layout() {
    let file = bundled("chelsea_256.png");
    let (out, px) = run_ok(Job::Grid(grid_job(7, 16)), Some(&file));
    let Output::Grid(g) = out else {
        panic!("not a grid")
    };
    // PROVENANCE.md: chelsea_256.png is a 256×170 PNG; it fits in 512, so it is used as is.
    assert_eq!(
        (
            g.source.format.as_str(),
            g.source.width,
            g.source.height,
            g.source.used_width,
            g.source.used_height
        ),
        ("png", 256, 170, 256, 170)
    );
    assert_eq!(g.samples.len(), 16);
    // The default pipeline ends in RandomResizedCrop to 128×128 (params::default_pipeline).
    assert!(g.samples.iter().all(|s| (s.width, s.height) == (128, 128)));
    let expected = 4 * 256 * 170
        + g.samples
            .iter()
            .map(|s| 4 * s.width * s.height)
            .sum::<u32>();
    assert_eq!(px.len(), expected as usize);
    // Each sample's seed is sample_seed(seed, i), and records one Applied per pipeline step.
    for (i, s) in g.samples.iter().enumerate() {
        assert_eq!(s.seed, sample_seed(7, i as u32));
        assert_eq!(s.applied.len(), 3);
    }
}

#[test]
fn grid_original_comes_first_and_any_sample_reproduces_alone() {
    let file = bundled("horse_256.png");
    let (out, px) = run_ok(Job::Grid(grid_job(3, 4)), Some(&file));
    let Output::Grid(g) = out else {
        panic!("not a grid")
    };
    let (_, original) = augment_lab::decode::decode(&file, 512).unwrap();
    let n0 = original.data.len();
    assert_eq!(&px[..n0], original.data.as_slice());
    let (sample2, _) = default_pipeline()
        .run(&original, sample_seed(3, 2))
        .unwrap();
    let start = n0 + 2 * 4 * 128 * 128;
    assert_eq!(
        &px[start..start + sample2.data.len()],
        sample2.data.as_slice()
    );
    assert_eq!(g.samples[2].seed, sample_seed(3, 2));
}

#[test]
fn a_grid_split_in_two_parts_is_the_whole_grid() {
    let file = bundled("chelsea_256.png");
    let (whole, px) = run_ok(Job::Grid(grid_job(9, 16)), Some(&file));
    let (a, pa) = run_ok(Job::Grid(GridJob { first: 0, ..grid_job(9, 8) }), Some(&file));
    let (b, pb) = run_ok(Job::Grid(GridJob { first: 8, ..grid_job(9, 8) }), Some(&file));
    let (Output::Grid(whole), Output::Grid(a), Output::Grid(b)) = (whole, a, b) else { panic!("not grids") };
    let parts: Vec<_> = a.samples.iter().chain(&b.samples).cloned().collect();
    assert_eq!(parts, whole.samples);
    // Each part starts with the original; the samples' bytes follow in order.
    let n0 = (whole.source.used_width * whole.source.used_height * 4) as usize;
    let joined: Vec<u8> = px[..n0].iter().chain(&pa[n0..]).chain(&pb[n0..]).copied().collect();
    assert_eq!(joined, px);
    assert!(matches!(run_err(Job::Grid(GridJob { first: 9, ..grid_job(9, 8) }), Some(&file)), JobError::BadParams { .. }));
}

#[test]
fn grid_same_seed_same_pixels_new_seed_new_pixels() {
    let file = bundled("coffee_256.png");
    let (_, a) = run_ok(Job::Grid(grid_job(11, 16)), Some(&file));
    let (_, b) = run_ok(Job::Grid(grid_job(11, 16)), Some(&file));
    let (_, c) = run_ok(Job::Grid(grid_job(12, 16)), Some(&file));
    assert_eq!(a, b);
    assert_eq!(a.len(), c.len());
    assert_ne!(a, c);
}

#[test]
fn grid_downscales_to_max_side() {
    // astronaut_256.png is 256×256 (PROVENANCE.md); max_side 100 gives 100×100.
    let file = bundled("astronaut_256.png");
    let job = GridJob {
        pipeline: Pipeline::default(),
        seed: 0,
        samples: 1,
        first: 0,
        max_side: 100,
    };
    let (out, px) = run_ok(Job::Grid(job), Some(&file));
    let Output::Grid(g) = out else {
        panic!("not a grid")
    };
    assert_eq!(
        (g.source.width, g.source.used_width, g.source.used_height),
        (256, 100, 100)
    );
    // An empty pipeline returns the image unchanged: original and sample are equal.
    assert_eq!(px.len(), 2 * 4 * 100 * 100);
    assert_eq!(px[..40_000], px[40_000..]);
}

#[test]
fn grid_refusals_are_typed_errors() {
    let file = bundled("chelsea_256.png");
    for samples in [0, 17] {
        assert!(matches!(
            run_err(Job::Grid(grid_job(0, samples)), Some(&file)),
            JobError::BadParams { .. }
        ));
    }
    assert_eq!(
        run_err(Job::Grid(grid_job(0, 16)), None),
        JobError::EmptyFile
    );
    assert_eq!(
        run_err(Job::Grid(grid_job(0, 16)), Some(&[])),
        JobError::EmptyFile
    );
    assert_eq!(
        run_err(
            Job::Grid(grid_job(0, 16)),
            Some(b"just text, named photo.png")
        ),
        JobError::NotAnImage
    );
    // A step probability outside [0, 1].
    let bad_p = Pipeline::new(vec![Step {
        op: Op::RandomHorizontalFlip { p: 0.5 },
        p: 2.0,
    }]);
    let job = GridJob {
        pipeline: bad_p,
        ..grid_job(0, 4)
    };
    assert!(matches!(
        run_err(Job::Grid(job), Some(&file)),
        JobError::BadParams { .. }
    ));
    // A crop larger than the 256×170 photo, without padding, cannot run.
    let crop = Pipeline::new(vec![Step::always(Op::RandomCrop {
        size: [400, 400],
        padding: None,
        pad_if_needed: false,
        fill: [0, 0, 0],
        padding_mode: Default::default(),
    })]);
    let job = GridJob {
        pipeline: crop,
        ..grid_job(0, 4)
    };
    assert!(matches!(
        run_err(Job::Grid(job), Some(&file)),
        JobError::BadParams { .. }
    ));
}

// --- Mixing

fn mix_job(method: MixMethod, seed: u64) -> MixJob {
    MixJob {
        method,
        alpha: 1.0,
        a: 0,
        b: 1,
        seed,
        batch: 8,
    }
}

fn mix(job: MixJob) -> (MixOutput, Vec<u8>) {
    let (out, px) = run_ok(Job::Mix(job), None);
    let Output::Mix(m) = out else {
        panic!("not a mix")
    };
    (m, px)
}

#[test]
fn mix_pixels_hold_a_b_and_the_mix_for_the_pair_and_each_batch_element() {
    let d = digits().unwrap();
    let (m, px) = mix(mix_job(MixMethod::Mixup, 5));
    assert_eq!(m.batch.len(), 8);
    assert_eq!(px.len(), 768 * 9);
    for (k, s) in std::iter::once(&m.pair).chain(&m.batch).enumerate() {
        let at = 768 * k;
        assert_eq!(&px[at..at + 256], d.image(s.a).unwrap().data.as_slice());
        assert_eq!(
            &px[at + 256..at + 512],
            d.image(s.b).unwrap().data.as_slice()
        );
        assert_eq!(
            (Some(s.label_a), Some(s.label_b)),
            (d.label(s.a), d.label(s.b))
        );
    }
    // Images 0 and 1 are a 0 and a 1 (sklearn's load_digits target[:2]).
    assert_eq!(
        (m.pair.a, m.pair.b, m.pair.label_a, m.pair.label_b),
        (0, 1, 0, 1)
    );
}

#[test]
fn mixup_labels_are_lam_and_one_minus_lam_and_sum_to_one() {
    for seed in 0..20 {
        let (m, _) = mix(mix_job(MixMethod::Mixup, seed));
        for s in std::iter::once(&m.pair).chain(&m.batch) {
            assert_eq!(s.label.len(), 10);
            assert!((s.label.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert_eq!(s.lam_used, s.lam);
            assert!(s.cut_box.is_none());
            if s.label_a != s.label_b {
                assert!((s.label[s.label_a as usize] - s.lam).abs() < 1e-12);
                assert!((s.label[s.label_b as usize] - (1.0 - s.lam)).abs() < 1e-12);
            }
        }
    }
}

#[test]
fn cutmix_label_weight_is_one_minus_box_area_over_64() {
    let d = digits().unwrap();
    let mut partial_boxes = 0;
    for seed in 0..40 {
        let (m, px) = mix(mix_job(MixMethod::Cutmix, seed));
        for (k, s) in std::iter::once(&m.pair).chain(&m.batch).enumerate() {
            let bx = s.cut_box.expect("CutMix has a box");
            let area = f64::from((bx.x2 - bx.x1) * (bx.y2 - bx.y1));
            // Yun et al. 2019: λ is corrected to 1 − (r_w r_h)/(W H) after clipping the box.
            assert_eq!(s.lam_used, 1.0 - area / 64.0);
            assert!((s.label.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            if s.label_a != s.label_b {
                assert!((s.label[s.label_a as usize] - s.lam_used).abs() < 1e-12);
            }
            if area > 0.0 && area < 64.0 {
                partial_boxes += 1;
            }
            // The mix is b inside the box, a outside.
            let (a, b) = (d.image(s.a).unwrap(), d.image(s.b).unwrap());
            let mixed = &px[768 * k + 512..768 * k + 768];
            for y in 0..8 {
                for x in 0..8 {
                    let inside = (bx.x1..bx.x2).contains(&x) && (bx.y1..bx.y2).contains(&y);
                    let want = if inside { b.pixel(x, y) } else { a.pixel(x, y) }.unwrap();
                    let i = 4 * (8 * y + x) as usize;
                    assert_eq!(mixed[i..i + 4], want, "seed {seed} sample {k} ({x}, {y})");
                }
            }
        }
    }
    assert!(
        partial_boxes > 100,
        "the draws should mostly give boxes that cut: {partial_boxes}"
    );
}

#[test]
fn batch_pairs_each_element_with_the_previous_one_and_shares_one_lambda() {
    for method in [MixMethod::Mixup, MixMethod::Cutmix] {
        let (m, _) = mix(MixJob {
            batch: 5,
            ..mix_job(method, 9)
        });
        let n = m.batch.len();
        assert_eq!(n, 5);
        for i in 0..n {
            // torchvision v2: the partner of x[i] is batch.roll(1, 0)[i] = x[i − 1].
            assert_eq!(m.batch[i].b, m.batch[(i + n - 1) % n].a);
            assert_eq!(m.batch[i].lam, m.batch[0].lam);
            assert_eq!(m.batch[i].cut_box, m.batch[0].cut_box);
        }
    }
}

#[test]
fn mix_same_seed_same_result_new_seed_new_lambda() {
    let (a, pa) = mix(mix_job(MixMethod::Mixup, 1));
    let (b, pb) = mix(mix_job(MixMethod::Mixup, 1));
    let (c, _) = mix(mix_job(MixMethod::Mixup, 2));
    assert_eq!((a.clone(), pa), (b, pb));
    assert_ne!(a.pair.lam, c.pair.lam);
}

#[test]
fn mix_refusals_are_typed_errors() {
    for job in [
        MixJob {
            alpha: 0.0,
            ..mix_job(MixMethod::Mixup, 0)
        },
        MixJob {
            alpha: -1.0,
            ..mix_job(MixMethod::Cutmix, 0)
        },
        MixJob {
            alpha: f64::NAN,
            ..mix_job(MixMethod::Mixup, 0)
        },
        MixJob {
            alpha: f64::INFINITY,
            ..mix_job(MixMethod::Cutmix, 0)
        },
        MixJob {
            a: 1797,
            ..mix_job(MixMethod::Mixup, 0)
        },
        MixJob {
            b: usize::MAX,
            ..mix_job(MixMethod::Cutmix, 0)
        },
        MixJob {
            batch: 1,
            ..mix_job(MixMethod::Mixup, 0)
        },
        MixJob {
            batch: 17,
            ..mix_job(MixMethod::Mixup, 0)
        },
    ] {
        assert!(matches!(
            run_err(Job::Mix(job), None),
            JobError::BadParams { .. }
        ));
    }
}

// --- Text

fn text_job(lang: TextLang, text: &str) -> TextJob {
    TextJob {
        text: text.to_string(),
        lang,
        eda: EdaConfig {
            num_aug: 4.0,
            ..EdaConfig::default()
        },
        char_noise: CharNoiseConfig::default(),
        seed: 1,
    }
}

fn text(job: TextJob) -> TextOutput {
    let (out, px) = run_ok(Job::Text(job), None);
    assert!(px.is_empty(), "text jobs have no pixels");
    let Output::Text(t) = out else {
        panic!("not text")
    };
    t
}

#[test]
fn english_words_are_eda_cleaned_and_the_original_comes_last() {
    let t = text(text_job(
        TextLang::En,
        "The quick brown fox, it's said, jumps over the lazy dog!",
    ));
    // eda.py get_only_chars: lowercase, apostrophes dropped, other non-letters become spaces.
    assert_eq!(
        t.words,
        ["the", "quick", "brown", "fox", "its", "said", "jumps", "over", "the", "lazy", "dog"]
    );
    // num_aug = 4: four augmented sentences, then the original.
    assert_eq!(t.sentences.len(), 5);
    assert!(t.sentences[..4].iter().all(|s| s.op.is_some()));
    assert_eq!(t.sentences[4].op, None);
    // eda.py removes a leading space only, so the "!" leaves a trailing one.
    assert_eq!(
        t.sentences[4].text,
        "the quick brown fox its said jumps over the lazy dog "
    );
    assert!(t.noisy.is_empty() && t.noisy_clusters.is_empty());
}

#[test]
fn chinese_text_is_segmented_by_jieba() {
    // jieba README (accurate mode): 我来到北京清华大学 → 我 / 来到 / 北京 / 清华大学.
    let t = text(text_job(TextLang::Zh, "我来到北京清华大学"));
    assert_eq!(t.words, ["我", "来到", "北京", "清华大学"]);
    assert_eq!(t.sentences.last().unwrap().text, "我来到北京清华大学");
}

#[test]
fn character_noise_gives_one_variant_per_augmented_sentence() {
    let mut job = text_job(
        TextLang::En,
        "Data augmentation helps small datasets generalize better",
    );
    job.char_noise = CharNoiseConfig {
        p_keyboard: 0.3,
        p_delete: 0.1,
        ..Default::default()
    };
    let t = text(job.clone());
    assert_eq!(t.noisy.len(), t.sentences.len() - 1);
    assert_eq!(t.noisy_clusters.len(), t.noisy.len());
    for (n, clusters) in t.noisy.iter().zip(&t.noisy_clusters) {
        assert_eq!(clusters.concat(), n.text);
        for e in &n.edits {
            assert!(e.start + e.len <= clusters.len());
        }
    }
    assert!(t.noisy.iter().any(|n| !n.edits.is_empty()));
    assert_eq!(text(job), t, "same seed, same text");
}

#[test]
fn emoji_and_empty_text_do_not_fail() {
    let t = text(text_job(TextLang::En, ""));
    assert_eq!(t.sentences.len(), 1);
    let mut job = text_job(TextLang::Zh, "🙂🙂，。");
    job.char_noise.p_swap = 1.0;
    let t = text(job);
    assert!(t.words.is_empty());
}

#[test]
fn text_refusals_are_typed_errors() {
    let base = text_job(TextLang::En, "a small sentence");
    let mut jobs = Vec::new();
    let mut j = base.clone();
    j.eda.p_rd = 1.5;
    jobs.push(j);
    let mut j = base.clone();
    j.eda.alpha_sr = 2.0;
    jobs.push(j);
    let mut j = base.clone();
    j.eda.num_aug = 1e9;
    jobs.push(j);
    let mut j = base.clone();
    j.eda.alpha_ri = -0.1;
    jobs.push(j);
    let mut j = base.clone();
    j.char_noise.p_ocr = 2.0;
    jobs.push(j);
    let mut j = base.clone();
    j.text = "word ".repeat(1000);
    jobs.push(j);
    for job in jobs {
        assert!(matches!(
            run_err(Job::Text(job), None),
            JobError::BadParams { .. }
        ));
    }
}

// --- handle: JSON in, JSON out

#[test]
fn handle_round_trips_a_grid_request_with_its_pixels() {
    let file = bundled("rocket_256.png");
    let req = Request {
        id: 42,
        job: Job::Grid(grid_job(1, 2)),
    };
    let (json, px) = handle(&serde_json::to_string(&req).unwrap(), Some(&file));
    let reply: Reply = serde_json::from_str(&json).unwrap();
    let Reply::Done {
        id: 42,
        output: Output::Grid(g),
    } = reply
    else {
        panic!("{json}")
    };
    // rocket_256.png is 256×171 (PROVENANCE.md).
    assert_eq!((g.source.used_width, g.source.used_height), (256, 171));
    assert_eq!(px.map(|p| p.len()), Some(4 * 256 * 171 + 2 * 4 * 128 * 128));
}

#[test]
fn handle_text_reply_has_no_pixels_and_errors_keep_their_id() {
    let req = Request {
        id: 3,
        job: Job::Text(text_job(TextLang::En, "hello world")),
    };
    let (json, px) = handle(&serde_json::to_string(&req).unwrap(), None);
    assert!(px.is_none());
    assert!(matches!(
        serde_json::from_str(&json).unwrap(),
        Reply::Done {
            id: 3,
            output: Output::Text(_)
        }
    ));

    let req = Request {
        id: 9,
        job: Job::Grid(grid_job(0, 16)),
    };
    let (json, px) = handle(
        &serde_json::to_string(&req).unwrap(),
        Some(b"GIF? no, text"),
    );
    assert!(px.is_none());
    assert_eq!(
        serde_json::from_str::<Reply>(&json).unwrap(),
        Reply::Failed {
            id: 9,
            error: JobError::NotAnImage
        }
    );
}

#[test]
fn garbage_json_is_malformed_never_a_panic() {
    for input in [
        "",
        "not json",
        "{}",
        "[1,2,3]",
        r#"{"id": 5}"#,
        r#"{"id": 5, "job": {"Paint": {}}}"#,
        r#"{"id": -1, "job": null}"#,
    ] {
        let (json, px) = handle(input, None);
        assert!(px.is_none());
        let reply: Reply = serde_json::from_str(&json).unwrap();
        let Reply::Failed {
            id,
            error: JobError::Malformed { .. },
        } = reply
        else {
            panic!("{input}: {json}")
        };
        // The id is kept when it can be read, so the page can match the reply.
        assert_eq!(
            id,
            if input.contains("\"id\": 5") { 5 } else { 0 },
            "{input}"
        );
    }
}
