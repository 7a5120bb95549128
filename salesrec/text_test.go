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

func TestCountCharsAsTheUserCounts(t *testing.T) {
	lesson50 := strings.Repeat("字", 50)
	tests := []struct {
		name string
		s    string
		want int
	}{
		{"50 characters and three trailing spaces", lesson50 + "   ", 50},
		{"leading and trailing tabs and line breaks", "\t\n" + lesson50 + "\r\n", 50},
		{"full-width spaces around", "\u3000" + lesson50 + "\u3000\u3000", 50},
		{"a run of spaces inside counts as one", "报价  及时", 5},
		{"a run mixing full-width and half-width spaces counts as one", "报价 \u3000 及时", 5},
		{"a full-width letter is one character", "ＡＢＣ", 3},
		{"only spaces count nothing", " \u3000\t ", 0},
		{"empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CountChars(tt.s); got != tt.want {
				t.Fatalf("CountChars(%q) = %d, want %d", tt.s, got, tt.want)
			}
		})
	}
}

func TestLengthLimitsIgnoreSurroundingSpace(t *testing.T) {
	lesson50 := strings.Repeat("字", 50)
	tests := []struct {
		name string
		text string
		want string // message fragment; "" means accepted
	}{
		{"50 characters and trailing spaces fit", lesson50 + "   ", ""},
		{"50 characters and a trailing full-width space fit", lesson50 + "\u3000", ""},
		{"50 characters with a double space inside fit", strings.Repeat("字", 25) + "  " + strings.Repeat("字", 24), ""},
		{"51 characters with trailing spaces are refused as 51", strings.Repeat("字", 51) + "  ", "this one has 51"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Lesson{Kind: LessonSuccess, Text: tt.text}.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("want accepted, got %v", err)
				}
				return
			}
			wantField(t, err, "text", tt.want)
		})
	}
	// Every limit goes through the same count: an action of MaxActionChars
	// with trailing space is accepted too.
	what := strings.Repeat("发", MaxActionChars) + " \u3000"
	if err := CheckText("actions[0].what", what, MaxActionChars); err != nil {
		t.Fatalf("action at the limit with trailing space: %v", err)
	}
}
