//! Content digests of directories: a change to any file (content, name or executable bit) changes
//! the digest; nothing else (timestamps, ownership) does.

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};
use walkdir::WalkDir;

/// `sha256:<hex>` over every regular file and symlink under `dir`, in sorted path order.
pub fn dir_digest(dir: &Path) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    for entry in WalkDir::new(dir).sort_by_file_name().follow_links(false) {
        let entry = entry.map_err(std::io::Error::other)?;
        let relative = entry.path().strip_prefix(dir).map_err(std::io::Error::other)?;
        let name = relative.to_string_lossy().replace('\\', "/");
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        if file_type.is_symlink() {
            let target = std::fs::read_link(entry.path())?;
            hasher.update(b"L");
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(target.to_string_lossy().as_bytes());
            hasher.update([0]);
            continue;
        }
        let metadata = entry.metadata().map_err(std::io::Error::other)?;
        hasher.update(if is_executable(&metadata) { b"X" } else { b"F" });
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(metadata.len().to_le_bytes());
        let mut file = std::fs::File::open(entry.path())?;
        loop {
            let read = file.read(&mut buffer)?;
            if read == 0 {
                break;
            }
            hasher.update(&buffer[..read]);
        }
    }
    Ok(format!("sha256:{}", hex::encode(hasher.finalize())))
}

#[cfg(unix)]
fn is_executable(metadata: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o111 != 0
}

#[cfg(not(unix))]
fn is_executable(_: &std::fs::Metadata) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::dir_digest;

    #[test]
    fn digest_tracks_content_names_and_modes() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a"), "one").expect("write");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("sub/b"), "two").expect("write");
        let first = dir_digest(dir.path()).expect("digest");
        assert_eq!(first, dir_digest(dir.path()).expect("digest"));

        std::fs::write(dir.path().join("sub/b"), "three").expect("write");
        let second = dir_digest(dir.path()).expect("digest");
        assert_ne!(first, second);

        std::fs::rename(dir.path().join("a"), dir.path().join("c")).expect("rename");
        let third = dir_digest(dir.path()).expect("digest");
        assert_ne!(second, third);

        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(dir.path().join("c"), std::fs::Permissions::from_mode(0o755)).expect("chmod");
            assert_ne!(third, dir_digest(dir.path()).expect("digest"));
        }
    }
}
