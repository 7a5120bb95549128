package salesrec

import "testing"

// TestMethodAndPlaceAgree walks every method against every kind of place:
// face-to-face is offline with an address, video is online with a platform
// or meeting id, phone and email may leave the place out and never carry an
// address.
func TestMethodAndPlaceAgree(t *testing.T) {
	var (
		none      = Place{}
		address   = Place{Mode: PlaceOffline, Address: "上海市浦东新区世纪大道100号"}
		platform  = Place{Mode: PlaceOnline, Platform: "腾讯会议"}
		meetingID = Place{Mode: PlaceOnline, MeetingID: "123-456-789"}
		onlineAt  = Place{Mode: PlaceOnline, Platform: "腾讯会议", Address: "上海市浦东新区世纪大道100号"}
		offlineID = Place{Mode: PlaceOffline, Address: "上海市浦东新区世纪大道100号", MeetingID: "123-456-789"}
		offline   = Place{Mode: PlaceOffline}
		online    = Place{Mode: PlaceOnline}
		channel   = Place{Mode: PlaceOnline, Platform: "微信"}
	)
	tests := []struct {
		name   string
		method Method
		place  Place
		field  string // "" means accepted
		want   string
	}{
		{"face-to-face at an address", MethodFaceToFace, address, "", ""},
		{"face-to-face without a place", MethodFaceToFace, none, "place.mode", "is required"},
		{"face-to-face on a platform", MethodFaceToFace, platform, "place.mode", "must be offline (线下) for a face-to-face contact"},
		{"face-to-face offline without address", MethodFaceToFace, offline, "place.address", "is required for an offline contact"},
		{"face-to-face with a meeting id beside the address", MethodFaceToFace, offlineID, "place.meeting_id", "must be empty for an offline contact"},

		{"video on a platform", MethodVideo, platform, "", ""},
		{"video with a meeting id", MethodVideo, meetingID, "", ""},
		{"video without a place", MethodVideo, none, "place.mode", "is required"},
		{"video offline at a street address", MethodVideo, address, "place.mode", "must be online (线上) for a video call"},
		{"video online without platform or id", MethodVideo, online, "place.platform", "the platform or the meeting ID"},
		{"video online with an address too", MethodVideo, onlineAt, "place.address", "must be empty for an online contact"},

		{"phone without a place", MethodPhone, none, "", ""},
		{"phone naming its channel", MethodPhone, channel, "", ""},
		{"phone with a dial-in meeting id", MethodPhone, meetingID, "", ""},
		{"phone at a street address", MethodPhone, address, "place.mode", "must be online (线上) or left out for a contact by phone"},
		{"phone carrying an address", MethodPhone, onlineAt, "place.address", "must be empty for a contact by phone"},
		{"phone online without platform or id", MethodPhone, online, "place.platform", "the platform or the meeting ID"},

		{"email without a place", MethodEmail, none, "", ""},
		{"email naming its channel", MethodEmail, Place{Mode: PlaceOnline, Platform: "企业邮箱"}, "", ""},
		{"email at a street address", MethodEmail, address, "place.mode", "must be online (线上) or left out for a contact by email"},
		{"email carrying an address", MethodEmail, onlineAt, "place.address", "must be empty for a contact by email"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInteraction()
			in.Method, in.Place = tt.method, tt.place
			err := in.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want accepted, got %v", err)
				}
				return
			}
			wantField(t, err, tt.field, tt.want)
		})
	}
}

func TestPlaceOnItsOwn(t *testing.T) {
	tests := []struct {
		name  string
		place Place
		field string
		want  string
	}{
		{"offline with an address", Place{Mode: PlaceOffline, Address: "苏州工业园区星湖街328号"}, "", ""},
		{"online with a platform", Place{Mode: PlaceOnline, Platform: "腾讯会议"}, "", ""},
		{"empty is required", Place{}, "mode", "is required"},
		{"online with an address", Place{Mode: PlaceOnline, MeetingID: "1", Address: "苏州工业园区星湖街328号"}, "address", "must be empty for an online contact"},
		{"offline with a platform", Place{Mode: PlaceOffline, Platform: "腾讯会议", Address: "苏州工业园区星湖街328号"}, "platform", "must be empty for an offline contact"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.place.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want accepted, got %v", err)
				}
				return
			}
			wantField(t, err, tt.field, tt.want)
		})
	}
}
