package salesrec

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckText(t *testing.T) {
	tests := []struct {
		name string
		s    string
		max  int
		want string // message fragment; "" means clean
	}{
		{"empty is clean (presence is a separate rule)", "", 50, ""},
		{"50 Chinese characters fit 50", strings.Repeat("字", 50), 50, ""},
		{"51 Chinese characters do not fit 50", strings.Repeat("字", 51), 50, "must be at most 50 characters (this one has 51)"},
		{"mixed Chinese and ASCII count characters, not bytes", strings.Repeat("a字", 25), 50, ""},
		{"an emoji is one character", strings.Repeat("字", 49) + "👍", 50, ""},
		{"no limit", strings.Repeat("字", 10000), 0, ""},
		{"a NUL byte is refused", "a\x00b", 50, "NUL"},
		{"invalid UTF-8 is refused", "a\xc3", 50, "not valid text (UTF-8)"},
		{"a lone surrogate encoding is refused", "\xed\xa0\x80", 50, "not valid text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckText("lessons[0].text", tt.s, tt.max)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("want clean, got %v", err)
				}
				return
			}
			wantField(t, err, "lessons[0].text", tt.want)
		})
	}
}

func TestParseEnum(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Method
		ok   bool
	}{
		{"code", "face_to_face", MethodFaceToFace, true},
		{"zh label", "面谈", MethodFaceToFace, true},
		{"en label in another case", "Face-To-Face", MethodFaceToFace, true},
		{"alternative spelling", "视频会议", MethodVideo, true},
		{"surrounding space", " 电话 ", MethodPhone, true},
		{"unknown is an error, not a default", "飞鸽传书", "", false},
		{"empty is an error", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse[Method](tt.in)
			if !tt.ok {
				if !errors.Is(err, ErrInvalid) {
					t.Fatalf("Parse(%q) = %q, %v; want ErrInvalid", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("Parse(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}
