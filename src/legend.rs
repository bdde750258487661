//! Where a chart's legend goes: a corner of the plot where it covers nothing that was plotted, or, when
//! every corner holds some of the data, no corner at all (the chart then sets the legend outside the
//! plot). A fixed corner covered the fit lab's points on a phone and the planner's top IsoFLOP curve;
//! counting only the data points missed the lines between them, which cross corners where no point
//! lies. Plain arithmetic in pixels, tested natively; the charts call it.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    UpperLeft,
    UpperRight,
    LowerLeft,
    LowerRight,
}

const CORNERS: [Corner; 4] = [Corner::UpperLeft, Corner::UpperRight, Corner::LowerLeft, Corner::LowerRight];

/// A rectangle in pixels: (left, top), (right, bottom), y growing downwards.
pub type Rect = ((i32, i32), (i32, i32));

/// What a chart drew, in pixels: the legend must not cover any of it.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// A polyline through `points`, reaching `half_width` pixels either side of each segment (half
    /// the stroke, plus whatever gap the legend should keep).
    Line { points: Vec<(i32, i32)>, half_width: i32 },
    /// A marker of radius `r` (plus the gap) centred at `at`.
    Dot { at: (i32, i32), r: i32 },
}

/// The `size` (width, height) box in `corner` of `area`, `inset` pixels from its edges.
pub fn corner_box(area: Rect, size: (i32, i32), corner: Corner, inset: i32) -> Rect {
    let ((x0, y0), (x1, y1)) = area;
    let left = match corner {
        Corner::UpperLeft | Corner::LowerLeft => x0 + inset,
        Corner::UpperRight | Corner::LowerRight => x1 - inset - size.0,
    };
    let top = match corner {
        Corner::UpperLeft | Corner::UpperRight => y0 + inset,
        Corner::LowerLeft | Corner::LowerRight => y1 - inset - size.1,
    };
    ((left, top), (left + size.0, top + size.1))
}

/// Whether `shape` reaches into `rect`.
pub fn covers(shape: &Shape, rect: Rect) -> bool {
    let grown = |by: i32| {
        let ((l, t), (r, b)) = rect;
        ((l - by) as f64, (t - by) as f64, (r + by) as f64, (b + by) as f64)
    };
    match shape {
        Shape::Dot { at, r } => {
            let (l, t, r, b) = grown(*r);
            (l..=r).contains(&(at.0 as f64)) && (t..=b).contains(&(at.1 as f64))
        }
        Shape::Line { points, half_width } => {
            let bounds = grown(*half_width);
            match points.as_slice() {
                [] => false,
                [p] => segment_meets(bounds, *p, *p),
                _ => points.windows(2).any(|w| segment_meets(bounds, w[0], w[1])),
            }
        }
    }
}

/// Whether the segment a–b meets the box (left, top, right, bottom): Liang–Barsky clipping.
fn segment_meets((l, t, r, b): (f64, f64, f64, f64), a: (i32, i32), z: (i32, i32)) -> bool {
    let (x, y) = (a.0 as f64, a.1 as f64);
    let (dx, dy) = (z.0 as f64 - x, z.1 as f64 - y);
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for (p, q) in [(-dx, x - l), (dx, r - x), (-dy, y - t), (dy, b - y)] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let s = q / p;
            if p < 0.0 {
                lo = lo.max(s);
            } else {
                hi = hi.min(s);
            }
        }
    }
    lo <= hi
}

/// A corner of `area` whose `size` box (`inset` from the edges) covers none of `shapes`: `preferred`
/// when it is free, else the first free one; `None` when every corner covers something.
pub fn free_corner(shapes: &[Shape], area: Rect, size: (i32, i32), inset: i32, preferred: Corner) -> Option<Corner> {
    let ((x0, y0), (x1, y1)) = area;
    if size.0 + 2 * inset > x1 - x0 || size.1 + 2 * inset > y1 - y0 {
        return None;
    }
    std::iter::once(preferred)
        .chain(CORNERS)
        .find(|&c| {
            let rect = corner_box(area, size, c, inset);
            !shapes.iter().any(|s| covers(s, rect))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: Rect = ((0, 0), (300, 200));
    const SIZE: (i32, i32) = (120, 60);

    fn line(points: &[(i32, i32)]) -> Shape {
        Shape::Line { points: points.to_vec(), half_width: 2 }
    }

    #[test]
    fn a_falling_curve_moves_the_legend_off_its_corners() {
        // Loss against compute: high on the left, low on the right (pixel y grows downwards), as in the
        // fit lab. It fills the upper-left and lower-right corners and leaves the other two free.
        let falling: Vec<Shape> = (0..30).map(|i| Shape::Dot { at: (i * 10, 10 + i * 6), r: 4 }).collect();
        for preferred in [Corner::UpperLeft, Corner::LowerRight] {
            let c = free_corner(&falling, AREA, SIZE, 5, preferred);
            assert!(matches!(c, Some(Corner::UpperRight | Corner::LowerLeft)), "{preferred:?} → {c:?}");
        }
        assert_eq!(free_corner(&falling, AREA, SIZE, 5, Corner::LowerLeft), Some(Corner::LowerLeft));
    }

    #[test]
    fn a_line_between_points_covers_the_corner_it_crosses() {
        // Two points far outside the upper-right box, joined by a line straight through it: the
        // planner's top IsoFLOP curve, whose samples lay either side of the legend.
        let through = line(&[(100, 30), (299, 30)]);
        let rect = corner_box(AREA, SIZE, Corner::UpperRight, 5);
        assert!(covers(&through, rect));
        assert_ne!(free_corner(&[through], AREA, SIZE, 5, Corner::UpperRight), Some(Corner::UpperRight));
        // A diagonal whose samples are only its two ends crosses two corners' boxes.
        let diagonal = line(&[(0, 199), (299, 0)]);
        assert_eq!(free_corner(std::slice::from_ref(&diagonal), AREA, SIZE, 5, Corner::UpperRight), Some(Corner::UpperLeft));
        // A line passing beside the box (further than its half width) does not cover it.
        let beside = line(&[(100, 70), (299, 70)]);
        assert!(!covers(&beside, rect));
    }

    #[test]
    fn every_corner_covered_means_no_corner() {
        let shapes = [line(&[(0, 10), (299, 10)]), line(&[(0, 190), (299, 190)])];
        assert_eq!(free_corner(&shapes, AREA, SIZE, 5, Corner::UpperLeft), None);
        // A legend bigger than the plot fits in no corner either.
        assert_eq!(free_corner(&[], AREA, (400, 60), 5, Corner::UpperLeft), None);
    }

    #[test]
    fn markers_count_by_their_radius() {
        let rect = corner_box(AREA, SIZE, Corner::UpperLeft, 5);
        // The box ends at x = 125; a marker of radius 4 centred at 128 reaches into it, at 130 it does not.
        assert!(covers(&Shape::Dot { at: (128, 30), r: 4 }, rect));
        assert!(!covers(&Shape::Dot { at: (130, 30), r: 4 }, rect));
    }

    #[test]
    fn a_free_preferred_corner_is_kept() {
        assert_eq!(free_corner(&[], AREA, SIZE, 5, Corner::LowerRight), Some(Corner::LowerRight));
        let centre = [Shape::Dot { at: (150, 100), r: 4 }];
        assert_eq!(free_corner(&centre, AREA, SIZE, 5, Corner::UpperLeft), Some(Corner::UpperLeft));
    }
}
