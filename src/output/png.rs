//! Charts as PNG for a report: the SVG the chart functions draw, rasterised in-process
//! (resvg) at twice its size with the system's fonts. The labels are Chinese: without a
//! font that has Chinese characters the answer is an error saying what to install, never
//! a picture of empty boxes.

use resvg::{tiny_skia, usvg};

/// Pixels per SVG unit: a chart stays sharp when a report scales it.
const SCALE: f32 = 2.0;

/// A character every Chinese font has.
const PROBE: char = '年';

/// The PNG of `svg`.
pub fn png_of_svg(svg: &str) -> Result<Vec<u8>, String> {
    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    let family = chinese_family(fonts).ok_or_else(|| {
        "no font on this system has Chinese characters: install one (Debian: fonts-noto-cjk \
         or fonts-wqy-zenhei) or write an SVG with --svg"
            .to_string()
    })?;
    // The chart's font list ends with `sans-serif`: make that a font with Chinese.
    fonts.set_sans_serif_family(family);
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
    let size = tree.size();
    let (width, height) = (
        (size.width() * SCALE).ceil() as u32,
        (size.height() * SCALE).ceil() as u32,
    );
    let mut pixmap = tiny_skia::Pixmap::new(width.max(1), height.max(1))
        .ok_or_else(|| format!("a chart of {width}×{height} pixels is too large"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// The family name of a font that has Chinese characters, if the system has one.
fn chinese_family(fonts: &usvg::fontdb::Database) -> Option<String> {
    fonts.faces().find_map(|face| {
        let has = fonts
            .with_face_data(face.id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .ok()
                    .and_then(|f| f.glyph_index(PROBE))
                    .is_some()
            })
            .unwrap_or(false);
        has.then(|| face.families.first().map(|(name, _)| name.clone()))
            .flatten()
    })
}
