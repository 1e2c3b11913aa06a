//! Tar archives for Docker's copy API: packing a host directory, and unpacking a container's
//! archive without letting any entry escape the target directory.

use std::io::Read;
use std::path::{Component, Path};

use proctor_agents::SandboxError;

/// Pack `dir`'s contents into a tar whose entry names start with `prefix` (no leading `/`),
/// preserving modes. Symlinks are stored as links.
pub fn tar_directory(dir: &Path, prefix: &str) -> std::io::Result<Vec<u8>> {
    let mut builder = tar::Builder::new(Vec::new());
    builder.follow_symlinks(false);
    builder.mode(tar::HeaderMode::Deterministic);
    let prefix = prefix.trim_matches('/');
    if prefix.is_empty() {
        builder.append_dir_all(".", dir)?;
    } else {
        builder.append_dir_all(prefix, dir)?;
    }
    builder.into_inner()
}

/// Build a tar holding one file at `path` (no leading `/`) with `contents` and `mode`.
pub fn tar_single_file(path: &str, contents: &[u8], mode: u32) -> std::io::Result<Vec<u8>> {
    let mut builder = tar::Builder::new(Vec::new());
    let mut header = tar::Header::new_gnu();
    header.set_size(contents.len() as u64);
    header.set_mode(mode);
    header.set_mtime(0);
    header.set_entry_type(tar::EntryType::Regular);
    builder.append_data(&mut header, path.trim_start_matches('/'), contents)?;
    builder.into_inner()
}

/// Unpack `archive` into `target`. Entries with absolute paths or `..` are refused with
/// [`SandboxError::PathEscape`]; links are skipped (artifacts never need them, and a link is how
/// a later entry would escape).
pub fn unpack_safely(archive: impl Read, target: &Path) -> Result<(), SandboxError> {
    let io = |source: std::io::Error| SandboxError::Io { path: target.display().to_string(), source };
    std::fs::create_dir_all(target).map_err(io)?;
    let mut archive = tar::Archive::new(archive);
    archive.set_preserve_permissions(false);
    archive.set_overwrite(true);
    for entry in archive.entries().map_err(io)? {
        let mut entry = entry.map_err(io)?;
        let path = entry.path().map_err(io)?.into_owned();
        if path.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
            return Err(SandboxError::PathEscape { path: path.display().to_string() });
        }
        let kind = entry.header().entry_type();
        if kind.is_symlink() || kind.is_hard_link() {
            continue;
        }
        if !(kind.is_file() || kind.is_dir()) {
            continue;
        }
        let unpacked = entry.unpack_in(target).map_err(io)?;
        if !unpacked {
            return Err(SandboxError::PathEscape { path: path.display().to_string() });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_directory() {
        let src = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(src.path().join("d")).expect("mkdir");
        std::fs::write(src.path().join("d/f.txt"), "hello").expect("write");
        let tar = tar_directory(src.path(), "solution").expect("tar");
        let dst = tempfile::tempdir().expect("tempdir");
        unpack_safely(&tar[..], dst.path()).expect("unpack");
        assert_eq!(std::fs::read_to_string(dst.path().join("solution/d/f.txt")).expect("read"), "hello");
    }

    #[test]
    fn escaping_entries_are_refused() {
        // tar::Builder refuses `..` itself, so write the header by hand.
        let mut header = tar::Header::new_gnu();
        let name = b"../evil";
        header.as_old_mut().name[..name.len()].copy_from_slice(name);
        header.set_size(4);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        header.set_cksum();
        let mut data = header.as_bytes().to_vec();
        data.extend_from_slice(b"evil");
        data.resize(data.len() + 508, 0);
        data.resize(data.len() + 1024, 0);
        let dst = tempfile::tempdir().expect("tempdir");
        let inner = dst.path().join("inner");
        let err = unpack_safely(&data[..], &inner).expect_err("must refuse");
        assert!(matches!(err, SandboxError::PathEscape { .. }), "{err:?}");
        assert!(!dst.path().join("evil").exists());
    }

    #[test]
    fn links_are_skipped() {
        let mut builder = tar::Builder::new(Vec::new());
        let mut header = tar::Header::new_gnu();
        header.set_entry_type(tar::EntryType::Symlink);
        header.set_size(0);
        builder.append_link(&mut header, "link", "/etc").expect("link");
        let tar = builder.into_inner().expect("tar");
        let dst = tempfile::tempdir().expect("tempdir");
        unpack_safely(&tar[..], dst.path()).expect("unpack");
        assert!(!dst.path().join("link").exists());
    }
}
