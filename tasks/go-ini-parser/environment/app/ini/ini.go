// Package ini parses INI-style configuration files. See SPEC.md.
package ini

import (
	"errors"
	"fmt"
	"io"
	"time"
)

// ErrNotFound is wrapped by lookup errors for missing sections or keys.
var ErrNotFound = errors.New("not found")

// ParseError reports a syntax error.
type ParseError struct {
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// File is a parsed configuration.
type File struct {
	// TODO
}

// Parse reads a whole configuration.
func Parse(r io.Reader) (*File, error) {
	return nil, errors.New("not implemented")
}

func (f *File) Sections() []string { return nil }

func (f *File) Keys(section string) []string { return nil }

func (f *File) Get(section, key string) (string, error) {
	return "", errors.New("not implemented")
}

func (f *File) GetInt(section, key string) (int64, error) { return 0, errors.New("not implemented") }

func (f *File) GetBool(section, key string) (bool, error) { return false, errors.New("not implemented") }

func (f *File) GetDuration(section, key string) (time.Duration, error) {
	return 0, errors.New("not implemented")
}
