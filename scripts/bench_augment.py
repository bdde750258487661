"""The Pillow + NumPy peer of scripts/bench-augment.sh (issue 4 §5).

The benchmark pipeline written with Pillow and NumPy directly (no torchvision), following the
torchvision v1/v2 PIL code paths for each op; parameters are read from the pipeline JSON that
crates/augment-lab/examples/bench_augment.rs wrote (config.json), so both sides run the same values:

* RandomHorizontalFlip: Image.transpose(FLIP_LEFT_RIGHT) with probability p;
* RandomResizedCrop: torchvision's get_params sampler (10 tries of area ~ U(scale)·H·W,
  log-aspect ~ U(log ratio), w = round(sqrt(area·aspect)), h = round(sqrt(area/aspect)), then the
  centre-crop fallback), then Image.resize((w, h), BILINEAR, box=crop, reducing_gap=None): Pillow's
  bilinear resize is a separable convolution whose support widens when downscaling, i.e. antialiased,
  as torchvision's PIL path;
* ColorJitter: factors ~ U(range), applied in a random permutation: ImageEnhance.Brightness,
  Contrast, Color (saturation), and hue as torchvision's PIL adjust_hue: convert("HSV"), add
  int(hue·255) to the H plane in NumPy (uint8 wrap-around), merge, convert("RGB");
* RandomErasing: torchvision's sampler (10 tries of area ~ U(scale)·H·W, log-aspect ~ U(log ratio),
  h = round(sqrt(area·aspect)), w = round(sqrt(area/aspect)), kept if h < H and w < W), value 0,
  by NumPy slice assignment on the H×W×3 uint8 array (every sample ends as such an array).

A second, untimed-for-throughput pass times each step apart (and ColorJitter's four factors one at
a time on the crop) to show where the time goes, as the native side does.

Photos are decoded once with Image.open(...).convert("RGB") outside the timed loop; one warm-up pass,
then REPEATS timed passes of SAMPLES samples per photo; images/s = photos·SAMPLES / pass time
(time.perf_counter). Random numbers come from Python's `random` (Mersenne Twister), seeded per pass.

Usage: python bench_augment.py CONFIG_JSON OUT_JSON
"""

import json
import math
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import PIL
from PIL import Image, ImageEnhance


def flip(img, rng, p):
    return img.transpose(Image.Transpose.FLIP_LEFT_RIGHT) if rng.random() < p else img


def rrc_params(width, height, scale, ratio, rng):
    """torchvision RandomResizedCrop.get_params: (top, left, h, w) of the crop window."""
    area = width * height
    log_ratio = (math.log(ratio[0]), math.log(ratio[1]))
    for _ in range(10):
        target_area = area * rng.uniform(scale[0], scale[1])
        aspect = math.exp(rng.uniform(log_ratio[0], log_ratio[1]))
        w = int(round(math.sqrt(target_area * aspect)))
        h = int(round(math.sqrt(target_area / aspect)))
        if 0 < w <= width and 0 < h <= height:
            i = rng.randint(0, height - h)
            j = rng.randint(0, width - w)
            return i, j, h, w
    in_ratio = width / height
    if in_ratio < min(ratio):
        w = width
        h = int(round(w / min(ratio)))
    elif in_ratio > max(ratio):
        h = height
        w = int(round(h * max(ratio)))
    else:
        w, h = width, height
    return (height - h) // 2, (width - w) // 2, h, w


def resized_crop(img, rng, size, scale, ratio):
    i, j, h, w = rrc_params(img.width, img.height, scale, ratio, rng)
    # size is [h, w] in the engine's JSON, Pillow wants (w, h).
    return img.resize((size[1], size[0]), Image.Resampling.BILINEAR, box=(j, i, j + w, i + h), reducing_gap=None)


def adjust_hue(img, factor):
    """torchvision.transforms.functional_pil.adjust_hue."""
    h, s, v = img.convert("HSV").split()
    np_h = np.array(h, dtype=np.uint8)
    with np.errstate(over="ignore"):
        np_h += np.uint8(int(factor * 255) % 256)
    h = Image.fromarray(np_h, "L")
    return Image.merge("HSV", (h, s, v)).convert("RGB")


def color_jitter(img, rng, brightness, contrast, saturation, hue):
    order = [0, 1, 2, 3]
    rng.shuffle(order)
    b = rng.uniform(*brightness) if brightness else None
    c = rng.uniform(*contrast) if contrast else None
    s = rng.uniform(*saturation) if saturation else None
    h = rng.uniform(*hue) if hue else None
    for k in order:
        if k == 0 and b is not None:
            img = ImageEnhance.Brightness(img).enhance(b)
        elif k == 1 and c is not None:
            img = ImageEnhance.Contrast(img).enhance(c)
        elif k == 2 and s is not None:
            img = ImageEnhance.Color(img).enhance(s)
        elif k == 3 and h is not None:
            img = adjust_hue(img, h)
    return img


def erase(arr, rng, p, scale, ratio, value):
    """torchvision RandomErasing on an H×W×3 uint8 array (modified in place, returned)."""
    if rng.random() >= p:
        return arr
    height, width = arr.shape[:2]
    area = height * width
    log_ratio = (math.log(ratio[0]), math.log(ratio[1]))
    for _ in range(10):
        erase_area = area * rng.uniform(scale[0], scale[1])
        aspect = math.exp(rng.uniform(log_ratio[0], log_ratio[1]))
        h = int(round(math.sqrt(erase_area * aspect)))
        w = int(round(math.sqrt(erase_area / aspect)))
        if not (h < height and w < width):
            continue
        i = rng.randint(0, height - h)
        j = rng.randint(0, width - w)
        arr[i:i + h, j:j + w] = value
        return arr
    return arr


def build(pipeline):
    """The engine's Pipeline JSON as a list of Python callables (img, rng) -> img | array."""
    steps = []
    for step in pipeline["ops"]:
        op, t = step["op"], step["op"]["type"]
        if step.get("p", 1.0) != 1.0:
            sys.exit(f"bench_augment.py: step probabilities other than 1 are not implemented ({t})")
        if t == "RandomHorizontalFlip":
            steps.append(lambda img, rng, op=op: flip(img, rng, op["p"]))
        elif t == "RandomResizedCrop":
            if op["interpolation"] != "bilinear" or not op["antialias"]:
                sys.exit("bench_augment.py: only bilinear antialiased RandomResizedCrop is implemented")
            steps.append(lambda img, rng, op=op: resized_crop(img, rng, op["size"], op["scale"], op["ratio"]))
        elif t == "ColorJitter":
            steps.append(lambda img, rng, op=op: color_jitter(
                img, rng, op.get("brightness"), op.get("contrast"), op.get("saturation"), op.get("hue")))
        elif t == "RandomErasing":
            value = op["value"]
            if not (isinstance(value, dict) and "constant" in value):
                sys.exit("bench_augment.py: only a constant erasing value is implemented")
            fill = np.array(value["constant"], dtype=np.uint8)
            steps.append(lambda img, rng, op=op, fill=fill: erase(
                np.array(img) if isinstance(img, Image.Image) else img, rng, op["p"], op["scale"], op["ratio"], fill))
        else:
            sys.exit(f"bench_augment.py: op {t} is not implemented")
    return steps


def run(steps, img, rng):
    for step in steps:
        img = step(img, rng)
    # Every sample ends as an H×W×3 uint8 array, erased or not.
    return img if isinstance(img, np.ndarray) else np.array(img)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    config = json.loads(Path(sys.argv[1]).read_text())
    steps = build(config["pipeline"])
    image_dir = Path(config["image_dir"])
    photos = []
    for meta in config["images"]:
        with Image.open(image_dir / meta["name"]) as im:
            rgb = im.convert("RGB")
        rgb.load()
        if rgb.size != (meta["width"], meta["height"]):
            sys.exit(f"bench_augment.py: {meta['name']} is {rgb.size}, the native side saw "
                     f"{meta['width']}x{meta['height']}")
        photos.append((meta["name"], rgb))
    samples, repeats = config["samples_per_image"], config["repeats"]
    per_pass = samples * len(photos)

    # Sanity: output shape is the crop size.
    size = next(op["op"]["size"] for op in config["pipeline"]["ops"] if op["op"]["type"] == "RandomResizedCrop")
    out = run(steps, photos[0][1], random.Random(0))
    if out.shape != (size[0], size[1], 3) or out.dtype != np.uint8:
        sys.exit(f"bench_augment.py: output is {out.shape} {out.dtype}, expected ({size[0]}, {size[1]}, 3) uint8")

    def one_pass(seed, per_image):
        rng = random.Random(seed)
        total = 0.0
        for k, (_, img) in enumerate(photos):
            t = time.perf_counter()
            for _ in range(samples):
                run(steps, img, rng)
            dt = time.perf_counter() - t
            per_image[k].append(dt * 1e3 / samples)
            total += dt
        return total

    one_pass(0, [[] for _ in photos])  # warm-up
    per_image = [[] for _ in photos]
    ips = [per_pass / one_pass(rep, per_image) for rep in range(1, repeats + 1)]
    # Where the time goes: each step timed apart, and the jitter factors one at a time on the crop.
    names = [op["op"]["type"] for op in config["pipeline"]["ops"]]
    jitter = next(op["op"] for op in config["pipeline"]["ops"] if op["op"]["type"] == "ColorJitter")
    parts = [
        ("jitter.brightness", lambda im, f: ImageEnhance.Brightness(im).enhance(f), jitter["brightness"]),
        ("jitter.contrast", lambda im, f: ImageEnhance.Contrast(im).enhance(f), jitter["contrast"]),
        ("jitter.saturation", lambda im, f: ImageEnhance.Color(im).enhance(f), jitter["saturation"]),
        ("jitter.hue", adjust_hue, jitter["hue"]),
    ]
    step_s = dict.fromkeys(names + [name for name, _, _ in parts], 0.0)
    rng = random.Random(99)
    for _, img in photos:
        for _ in range(samples):
            cur = img
            for k, (name, step) in enumerate(zip(names, steps)):
                t = time.perf_counter()
                cur = step(cur, rng)
                step_s[name] += time.perf_counter() - t
                if k == 1:
                    for pname, fn, rng_range in parts:
                        f = rng.uniform(*rng_range)
                        t = time.perf_counter()
                        fn(cur, f)
                        step_s[pname] += time.perf_counter() - t
    steps_ms = {k: v * 1e3 / per_pass for k, v in step_s.items()}
    print("[pillow] ms per sample by step: " + ", ".join(f"{k} {v:.2f}" for k, v in steps_ms.items()))

    result = {
        "python": sys.version.split()[0],
        "pillow": PIL.__version__,
        "numpy": np.__version__,
        "ips": ips,
        "median_ips": statistics.median(ips),
        "steps_ms_per_sample": steps_ms,
        "per_image_ms_per_sample": {name: statistics.median(t) for (name, _), t in zip(photos, per_image)},
    }
    Path(sys.argv[2]).write_text(json.dumps(result, indent=2))
    print(f"[pillow] Pillow {PIL.__version__} + NumPy {np.__version__}: {result['median_ips']:.0f} images/s "
          f"(median of {repeats}, {per_pass} images per pass)")


if __name__ == "__main__":
    main()
