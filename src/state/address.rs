//! Address arithmetic for the shell, plain string logic so that it is tested natively: the address of
//! the same page in the other language, and telling a file served beside the app from an app page.

/// The address of the same page in language `code`: `pathname` (under the router `base`, which has no
/// trailing slash) with its first segment replaced, then `search` and `hash` as they are. Home (`/en/`
/// or the bare base) maps to the other home, `{base}/{code}/`.
pub fn language_href(base: &str, pathname: &str, search: &str, hash: &str, code: &str) -> String {
    let rest = pathname.strip_prefix(base).unwrap_or(pathname);
    let mut parts: Vec<&str> = rest.trim_start_matches('/').splitn(2, '/').collect();
    if parts.is_empty() || parts[0].is_empty() {
        parts = vec![code];
    } else {
        parts[0] = code;
    }
    let mut target = format!("{base}/{}", parts.join("/"));
    if parts.len() == 1 {
        target.push('/');
    }
    let search = search.trim_start_matches('?');
    if !search.is_empty() {
        target.push('?');
        target.push_str(search);
    }
    let hash = hash.trim_start_matches('#');
    if !hash.is_empty() {
        target.push('#');
        target.push_str(hash);
    }
    target
}

/// Whether an app-relative path names a served file (`licences/digits/COPYING.txt`, `images/x.png`)
/// rather than a page: app pages are `{lang}/` and `{lang}/{slug}`, whose slugs have no dot.
pub fn is_file_path(path_under_base: &str) -> bool {
    let last = path_under_base.rsplit('/').next().unwrap_or_default();
    !last.is_empty() && last.contains('.')
}

#[cfg(test)]
mod tests {
    use super::{is_file_path, language_href};

    #[test]
    fn the_switch_keeps_path_query_and_hash() {
        assert_eq!(
            language_href("/scaling-lab", "/scaling-lab/en/power-laws", "?mse.sigma=2&boxes.d=3", "#widget-boxes", "zh"),
            "/scaling-lab/zh/power-laws?mse.sigma=2&boxes.d=3#widget-boxes"
        );
        // A percent-encoded Chinese heading id stays encoded.
        assert_eq!(
            language_href("", "/zh/power-laws", "", "#%E7%AE%97%E4%BE%8B", "en"),
            "/en/power-laws#%E7%AE%97%E4%BE%8B"
        );
        assert_eq!(language_href("/scaling-lab", "/scaling-lab/en/power-laws", "?", "#", "zh"), "/scaling-lab/zh/power-laws");
    }

    #[test]
    fn home_goes_to_the_other_home() {
        assert_eq!(language_href("/scaling-lab", "/scaling-lab/zh/", "", "", "en"), "/scaling-lab/en/");
        assert_eq!(language_href("/scaling-lab", "/scaling-lab/zh", "", "", "en"), "/scaling-lab/en/");
        assert_eq!(language_href("/scaling-lab", "/scaling-lab/", "", "", "en"), "/scaling-lab/en/");
        assert_eq!(language_href("", "/", "", "", "zh"), "/zh/");
    }

    #[test]
    fn files_are_told_from_pages() {
        assert!(is_file_path("licences/digits/COPYING.txt"));
        assert!(is_file_path("images/PROVENANCE.md"));
        assert!(!is_file_path("en/power-laws"));
        assert!(!is_file_path("zh/"));
        assert!(!is_file_path(""));
    }
}
