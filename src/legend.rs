//! Where a chart's legend goes: the corner of the plot that hides the fewest data points. A fixed
//! corner covered the fit lab's points on a phone (a falling loss curve fills the upper left, a
//! residual plot any corner). Plain arithmetic in pixels, tested natively; the charts call it.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corner {
    UpperLeft,
    UpperRight,
    LowerLeft,
    LowerRight,
}

const CORNERS: [Corner; 4] = [Corner::UpperLeft, Corner::UpperRight, Corner::LowerLeft, Corner::LowerRight];

/// The corner whose `size` (width, height) box inside `area` ((left, top), (right, bottom)) holds the
/// fewest of `points`; `preferred` when it ties. Pixels, y growing downwards.
pub fn least_covered_corner(points: &[(i32, i32)], area: ((i32, i32), (i32, i32)), size: (i32, i32), preferred: Corner) -> Corner {
    let ((x0, y0), (x1, y1)) = area;
    let covered = |c: Corner| {
        let (left, top) = match c {
            Corner::UpperLeft => (x0, y0),
            Corner::UpperRight => (x1 - size.0, y0),
            Corner::LowerLeft => (x0, y1 - size.1),
            Corner::LowerRight => (x1 - size.0, y1 - size.1),
        };
        points.iter().filter(|(x, y)| (left..=left + size.0).contains(x) && (top..=top + size.1).contains(y)).count()
    };
    CORNERS.into_iter().fold(preferred, |best, c| if covered(c) < covered(best) { c } else { best })
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: ((i32, i32), (i32, i32)) = ((0, 0), (300, 200));

    #[test]
    fn a_falling_curve_moves_the_legend_off_its_corners() {
        // Loss against compute: high on the left, low on the right (pixel y grows downwards), as in the
        // fit lab. It fills the upper-left and lower-right corners and leaves the other two free.
        let falling: Vec<(i32, i32)> = (0..30).map(|i| (i * 10, 10 + i * 6)).collect();
        for preferred in [Corner::UpperLeft, Corner::LowerRight] {
            let c = least_covered_corner(&falling, AREA, (120, 60), preferred);
            assert!(matches!(c, Corner::UpperRight | Corner::LowerLeft), "{preferred:?} → {c:?}");
        }
        assert_eq!(least_covered_corner(&falling, AREA, (120, 60), Corner::LowerLeft), Corner::LowerLeft);
    }

    #[test]
    fn points_in_the_preferred_corner_move_the_legend() {
        let upper_right: Vec<(i32, i32)> = (0..10).map(|i| (250 + i * 4, 10 + i * 3)).collect();
        assert_ne!(least_covered_corner(&upper_right, AREA, (120, 60), Corner::UpperRight), Corner::UpperRight);
    }

    #[test]
    fn ties_keep_the_preferred_corner() {
        assert_eq!(least_covered_corner(&[], AREA, (120, 60), Corner::LowerRight), Corner::LowerRight);
        let centre = [(150, 100)];
        assert_eq!(least_covered_corner(&centre, AREA, (120, 60), Corner::UpperLeft), Corner::UpperLeft);
    }
}
