//! The near-duplicate table of the articles an index already holds (`near_dup::Clusters`), read
//! back at the start of an index run from the `minhash` and `cluster` columns, so that a copy
//! added by a later run joins the cluster of a story indexed before.
//!
//! The table itself lives in temporary files in the index folder (`near_dup/spill.rs`).
//!
//! Read by term ordinal, as `Writer::existing` reads paths: each article's two ordinals first,
//! then one sorted pass over each column's dictionary.

use crate::error::{Error, Result};
use crate::near_dup::{Clusters, Signature};

use super::errors::backend;
use super::Archive;

/// Every live article with a signature, in the table with its stored cluster.
pub fn load(archive: &Archive) -> Result<Clusters> {
    let reader = archive.index.reader()?;
    let searcher = reader.searcher();
    let mut clusters = Clusters::new(&archive.dir).map_err(|e| spill_error(archive, e))?;
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let (Some(sigs), Some(names)) = (ff.bytes("minhash")?, ff.str("cluster")?) else {
            continue;
        };
        // Only article documents carry a signature, and every one of them a cluster.
        let pairs: Vec<(u64, u64)> = seg
            .doc_ids_alive()
            .filter_map(|doc| Some((sigs.term_ords(doc).next()?, names.term_ords(doc).next()?)))
            .collect();
        let mut sig_ords: Vec<u64> = pairs.iter().map(|p| p.0).collect();
        sig_ords.sort_unstable();
        sig_ords.dedup();
        let mut signatures = Vec::with_capacity(sig_ords.len());
        let complete = sigs
            .dictionary()
            .sorted_ords_to_term_cb(&sig_ords, |t| signatures.push(Signature::from_bytes(t)))
            .map_err(backend)?;
        let mut name_ords: Vec<u64> = pairs.iter().map(|p| p.1).collect();
        name_ords.sort_unstable();
        name_ords.dedup();
        let mut cluster_names = Vec::with_capacity(name_ords.len());
        let complete = complete
            && names
                .dictionary()
                .sorted_ords_to_term_cb(&name_ords, |t| {
                    cluster_names.push(String::from_utf8_lossy(t).into_owned())
                })
                .map_err(backend)?;
        if !complete || signatures.len() != sig_ords.len() || cluster_names.len() != name_ords.len()
        {
            return Err(Error::Index(
                "the minhash or cluster column's dictionary is shorter than its ordinals".into(),
            ));
        }
        for (s, c) in pairs {
            let (Ok(si), Ok(ci)) = (sig_ords.binary_search(&s), name_ords.binary_search(&c)) else {
                continue;
            };
            // A signature of another length (not written by this schema) is left out.
            if let Some(sig) = signatures[si] {
                clusters
                    .insert(&cluster_names[ci], sig)
                    .map_err(|e| spill_error(archive, e))?;
            }
        }
    }
    Ok(clusters)
}

/// The near-duplicate table's temporary files (in the index folder) could not be written or
/// read: a full disk, most likely.
pub fn spill_error(archive: &Archive, e: std::io::Error) -> Error {
    Error::File {
        path: archive.dir.clone(),
        source: Box::new(e),
    }
}

/// Every article path with its cluster id, byte-identical duplicates under their original's
/// cluster: for measuring clustering against known copies (`examples/near_dup_eval.rs`) and
/// for tests. Sorted by path.
pub fn members(archive: &Archive) -> Result<Vec<(String, String)>> {
    let reader = archive.index.reader()?;
    let searcher = reader.searcher();
    let (mut articles, mut duplicates) = (Vec::new(), Vec::new());
    for seg in searcher.segment_readers() {
        let ff = seg.fast_fields();
        let (Some(kinds), Some(paths), Some(ids), Some(clusters)) = (
            ff.str("kind")?,
            ff.str("path")?,
            ff.str("id")?,
            ff.str("cluster")?,
        ) else {
            continue;
        };
        let text = |col: &tantivy::columnar::StrColumn, doc: u32| -> Result<Option<String>> {
            let Some(ord) = col.term_ords(doc).next() else {
                return Ok(None);
            };
            let mut s = String::new();
            col.ord_to_str(ord, &mut s).map_err(backend)?;
            Ok(Some(s))
        };
        for doc in seg.doc_ids_alive() {
            let (Some(kind), Some(path), Some(id)) =
                (text(&kinds, doc)?, text(&paths, doc)?, text(&ids, doc)?)
            else {
                continue;
            };
            match kind.as_str() {
                super::schema::KIND_ARTICLE => {
                    let cluster = text(&clusters, doc)?.unwrap_or_else(|| id.clone());
                    articles.push((path, id, cluster));
                }
                super::schema::KIND_DUPLICATE => duplicates.push((path, id)),
                _ => {}
            }
        }
    }
    let by_id: std::collections::HashMap<&str, &str> = articles
        .iter()
        .map(|(_, id, c)| (id.as_str(), c.as_str()))
        .collect();
    let mut out: Vec<(String, String)> = duplicates
        .iter()
        .filter_map(|(p, id)| Some((p.clone(), by_id.get(id.as_str())?.to_string())))
        .collect();
    out.extend(articles.into_iter().map(|(p, _, c)| (p, c)));
    out.sort();
    Ok(out)
}
