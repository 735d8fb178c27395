//! Metadata given outside the document: `--metadata-file FILE.yaml`, then `-M key=value` over it
//! (pandoc's pair). The document's own front matter overrides both, key by key; the readers
//! check their keys as they check the front matter's.

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::yaml::Hash;
use yaml_rust2::{Yaml, YamlLoader};

use crate::model::Metadata;
use crate::{Error, Options};

/// A metadata file longer than this is refused, as front matter is.
const MAX_FILE_BYTES: u64 = 64 << 10;

/// The metadata of `--metadata-file` and `-M`, or `None` when neither is given.
pub fn base(options: &Options) -> Result<Option<Hash>, Error> {
    if options.metadata_file.is_none() && options.metadata.is_empty() {
        return Ok(None);
    }
    let mut map = match &options.metadata_file {
        Some(path) => file(path)?,
        None => Hash::new(),
    };
    for (key, value) in &options.metadata {
        map.insert(Yaml::String(key.clone()), flag_value(value));
    }
    Ok(Some(map))
}

/// A `-M` value read as YAML, as pandoc reads it and as front matter's would be: a scalar
/// (`true`, `12`, `"引号"`) or a flow list (`[甲, 乙]`, several authors or stylesheets). What
/// YAML would read as something else — a map (`第一章: 总则`), a comment (`# 注`), an alias,
/// a block marker, or no valid YAML at all — is the text as typed.
fn flag_value(text: &str) -> Yaml {
    let typed = || Yaml::String(text.to_owned());
    let mut parser = Parser::new_from_str(text);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => break,
            Ok((Event::Alias(_), _)) | Err(_) => return typed(),
            Ok(_) => {}
        }
    }
    let Ok(docs) = YamlLoader::load_from_str(text) else {
        return typed();
    };
    match docs.into_iter().next() {
        Some(Yaml::Array(items))
            if text.trim_start().starts_with('[')
                && items
                    .iter()
                    .all(|i| !matches!(i, Yaml::Array(_) | Yaml::Hash(_))) =>
        {
            Yaml::Array(items)
        }
        Some(Yaml::String(s)) if !s.is_empty() => Yaml::String(s),
        Some(value @ (Yaml::Integer(_) | Yaml::Real(_) | Yaml::Boolean(_))) => value,
        _ => typed(),
    }
}

/// The mapping of a YAML file; aliases are refused as in front matter (they expand without
/// bound).
fn file(path: &std::path::Path) -> Result<Hash, Error> {
    let shown = path.display();
    let bytes = crate::resources::read_capped(path, MAX_FILE_BYTES)
        .map_err(|e| Error::Setting(format!("{shown}: cannot read ({e})")))?;
    let text =
        String::from_utf8(bytes).map_err(|_| Error::Setting(format!("{shown}: not UTF-8 text")))?;
    let invalid = |line: usize, col: usize, why: &str| {
        Error::Setting(format!("{shown}, line {line}, column {}: {why}", col + 1))
    };
    let mut parser = Parser::new_from_str(&text);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => break,
            Ok((Event::Alias(_), mark)) => {
                return Err(invalid(
                    mark.line(),
                    mark.col(),
                    "YAML aliases (`*name`) are not supported; write the value out",
                ));
            }
            Ok(_) => {}
            Err(e) => {
                let why = format!("not valid YAML ({})", e.info());
                return Err(invalid(e.marker().line(), e.marker().col(), &why));
            }
        }
    }
    let docs = YamlLoader::load_from_str(&text).map_err(|e| {
        let why = format!("not valid YAML ({})", e.info());
        invalid(e.marker().line(), e.marker().col(), &why)
    })?;
    match docs.into_iter().next() {
        Some(Yaml::Hash(map)) => Ok(map),
        None | Some(Yaml::Null) => Ok(Hash::new()),
        Some(_) => Err(Error::Setting(format!(
            "{shown}: not a YAML mapping (`key: value` lines)"
        ))),
    }
}

/// Fills what a plain-text reader did not find in `meta` from `given`; its settings go under.
pub fn under(meta: &mut Metadata, given: Metadata) {
    if meta.title.is_empty() {
        meta.title = given.title;
    }
    if meta.authors.is_empty() {
        meta.authors = given.authors;
    }
    if meta.lang.is_empty() {
        meta.lang = given.lang;
    }
    if meta.fonts.is_empty() {
        meta.fonts = given.fonts;
    }
    meta.subtitle = meta.subtitle.take().or(given.subtitle);
    meta.date = meta.date.take().or(given.date);
    meta.identifier = meta.identifier.take().or(given.identifier);
    meta.description = meta.description.take().or(given.description);
    meta.cover = meta.cover.take().or(given.cover);
    meta.preset = meta.preset.take().or(given.preset);
    meta.settings.splice(0..0, given.settings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_line_pairs_go_over_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.yaml");
        std::fs::write(&path, "title: 文件\nauthor: 甲\n").unwrap();
        let options = Options {
            metadata_file: Some(path.clone()),
            metadata: vec![("title".into(), "命令行".into())],
            ..Options::default()
        };
        let map = base(&options).unwrap().unwrap();
        assert_eq!(map[&Yaml::String("title".into())].as_str(), Some("命令行"));
        assert_eq!(map[&Yaml::String("author".into())].as_str(), Some("甲"));
        let read = |value: &str| flag_value(value);
        assert_eq!(
            read("[甲, 乙]"),
            Yaml::Array(vec![Yaml::String("甲".into()), Yaml::String("乙".into())])
        );
        assert_eq!(read("'引号'"), Yaml::String("引号".into()));
        assert_eq!(read("true"), Yaml::Boolean(true));
        assert_eq!(read("12"), Yaml::Integer(12));
        for typed in [
            "第一章: 总则",
            "# 注",
            "*x",
            "[未完",
            "- 甲",
            "|",
            "",
            "[[a]]",
        ] {
            assert_eq!(read(typed), Yaml::String(typed.into()), "{typed}");
        }
        std::fs::write(&path, "a: &x 1\nb: *x\n").unwrap();
        let e = base(&options).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("aliases"), "{e}");
        std::fs::write(&path, "- a\n- b\n").unwrap();
        assert!(
            base(&options)
                .unwrap_err()
                .to_string()
                .contains("not a YAML mapping")
        );
    }
}
