// Package ini parses INI-style configuration files. See SPEC.md.
package ini

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
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

type section struct {
	keys   []string
	values map[string]string // internal form: "$$" = literal '$', "${" starts a reference
}

// File is a parsed configuration.
type File struct {
	order    []string
	sections map[string]*section
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

func trimBlanks(s string) string { return strings.Trim(s, " \t") }

// stripComment removes an inline comment: ';' or '#' directly after a blank.
func stripComment(s string) string {
	for i := 1; i < len(s); i++ {
		if (s[i] == ';' || s[i] == '#') && (s[i-1] == ' ' || s[i-1] == '\t') {
			return s[:i]
		}
	}
	return s
}

func (f *File) sec(name string) *section {
	s, ok := f.sections[name]
	if !ok {
		s = &section{values: map[string]string{}}
		f.sections[name] = s
		if name != "" {
			f.order = append(f.order, name)
		}
	}
	return s
}

// Parse reads a whole configuration.
func Parse(r io.Reader) (*File, error) {
	var lines []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		lines = append(lines, strings.TrimSuffix(sc.Text(), "\r"))
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	f := &File{sections: map[string]*section{}}
	cur := ""
	for i := 0; i < len(lines); i++ {
		no := i + 1
		t := trimBlanks(lines[i])
		if t == "" || t[0] == ';' || t[0] == '#' {
			continue
		}
		if t[0] == '[' {
			if t[len(t)-1] != ']' {
				return nil, &ParseError{no, "unterminated section header"}
			}
			name := trimBlanks(t[1 : len(t)-1])
			if !validName(name) {
				return nil, &ParseError{no, "invalid section name"}
			}
			cur = strings.ToLower(name)
			f.sec(cur)
			continue
		}
		sep := strings.IndexAny(t, "=:")
		if sep < 0 {
			return nil, &ParseError{no, "expected key = value"}
		}
		key := trimBlanks(t[:sep])
		if !validName(key) {
			return nil, &ParseError{no, "invalid key"}
		}
		key = strings.ToLower(key)
		rest := strings.TrimLeft(t[sep+1:], " \t")
		var value string
		if strings.HasPrefix(rest, "\"") {
			v, after, err := unquote(rest[1:])
			if err != "" {
				return nil, &ParseError{no, err}
			}
			after = trimBlanks(after)
			if after != "" && after[0] != ';' && after[0] != '#' {
				return nil, &ParseError{no, "unexpected text after quoted value"}
			}
			value = v
		} else {
			parts := []string{}
			raw := t[sep+1:]
			for {
				part := trimBlanks(stripComment(raw))
				if strings.HasSuffix(part, "\\") {
					parts = append(parts, trimBlanks(strings.TrimSuffix(part, "\\")))
					if i+1 >= len(lines) {
						return nil, &ParseError{i + 1, "line continuation at end of file"}
					}
					i++
					raw = lines[i]
					continue
				}
				parts = append(parts, part)
				break
			}
			value = trimBlanks(strings.Join(parts, " "))
		}
		s := f.sec(cur)
		if _, ok := s.values[key]; !ok {
			s.keys = append(s.keys, key)
		}
		s.values[key] = value
	}
	return f, nil
}

// unquote decodes a quoted value (after the opening quote) into the internal form.
func unquote(s string) (string, string, string) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], ""
		case c == '\\':
			if i+1 >= len(s) {
				return "", "", "unterminated quoted value"
			}
			i++
			switch s[i] {
			case '"':
				b.WriteByte('"')
			case '\\':
				b.WriteByte('\\')
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case '$':
				b.WriteString("$$")
			default:
				return "", "", "invalid escape"
			}
		case c == '$':
			if i+1 < len(s) && s[i+1] == '{' {
				b.WriteByte('$')
			} else {
				b.WriteString("$$")
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", "", "unterminated quoted value"
}

func (f *File) Sections() []string {
	out := []string{}
	if s, ok := f.sections[""]; ok && len(s.keys) > 0 {
		out = append(out, "")
	}
	return append(out, f.order...)
}

func (f *File) Keys(section string) []string {
	s, ok := f.sections[strings.ToLower(section)]
	if !ok {
		return nil
	}
	return append([]string{}, s.keys...)
}

func (f *File) raw(section, key string) (string, error) {
	s, ok := f.sections[section]
	if !ok {
		return "", fmt.Errorf("section %q: %w", section, ErrNotFound)
	}
	v, ok := s.values[key]
	if !ok {
		return "", fmt.Errorf("key %q in section %q: %w", key, section, ErrNotFound)
	}
	return v, nil
}

func (f *File) expand(section, key string, stack map[string]bool) (string, error) {
	id := section + "\x00" + key
	if stack[id] {
		return "", fmt.Errorf("reference cycle at %s.%s", section, key)
	}
	v, err := f.raw(section, key)
	if err != nil {
		return "", err
	}
	stack[id] = true
	defer delete(stack, id)
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] != '$' {
			b.WriteByte(v[i])
			continue
		}
		if i+1 < len(v) && v[i+1] == '$' {
			b.WriteByte('$')
			i++
			continue
		}
		if i+1 < len(v) && v[i+1] == '{' {
			end := strings.IndexByte(v[i+2:], '}')
			if end >= 0 {
				ref := v[i+2 : i+2+end]
				sec, k := section, ref
				if dot := strings.LastIndexByte(ref, '.'); dot >= 0 {
					sec, k = ref[:dot], ref[dot+1:]
				}
				sub, err := f.expand(strings.ToLower(sec), strings.ToLower(k), stack)
				if err != nil {
					return "", err
				}
				b.WriteString(sub)
				i += 2 + end
				continue
			}
		}
		b.WriteByte('$')
	}
	return b.String(), nil
}

func (f *File) Get(section, key string) (string, error) {
	return f.expand(strings.ToLower(section), strings.ToLower(key), map[string]bool{})
}

func (f *File) GetInt(section, key string) (int64, error) {
	v, err := f.Get(section, key)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(v, 10, 64)
}

func (f *File) GetBool(section, key string) (bool, error) {
	v, err := f.Get(section, key)
	if err != nil {
		return false, err
	}
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0":
		return false, nil
	}
	return false, fmt.Errorf("not a boolean: %q", v)
}

func (f *File) GetDuration(section, key string) (time.Duration, error) {
	v, err := f.Get(section, key)
	if err != nil {
		return 0, err
	}
	return time.ParseDuration(v)
}
