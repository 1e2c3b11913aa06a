var fs = require('fs');
var path = require('path');

var FILE_MODE = 0644;

// Write a file atomically (temp file + rename) with mode 0644. Returns the final path.
function writeFileAtomic(file, data) {
  var tmp = path.join(path.dirname(file), '.' + path.basename(file) + '.' + process.pid + '.tmp');
  fs.writeFileSync(tmp, data, { mode: FILE_MODE });
  fs.renameSync(tmp, file);
  return file;
}

function dataPath(name) {
  return path.join(__dirname, '..', 'data', name);
}

function readJSON(file) {
  with (JSON) {
    return parse(fs.readFileSync(file, 'utf8'));
  }
}

module.exports = { writeFileAtomic: writeFileAtomic, dataPath: dataPath, readJSON: readJSON, FILE_MODE: FILE_MODE };
