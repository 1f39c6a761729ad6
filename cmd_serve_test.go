package main

import (
	"bytes"
	"net"
	"strings"
	"testing"
)

// TestServeRefusals: serve refuses, in one line and exit 2 before it
// listens, what it must not serve.
func TestServeRefusals(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"non-loopback bind without password", []string{"--listen", "0.0.0.0:0"}, "--password-file"},
		{"all interfaces without password", []string{"--listen", ":0"}, "--password-file"},
		{"missing password file", []string{"--listen", "0.0.0.0:0", "--password-file", "/nonexistent/pw"}, "--password-file"},
		{"bad upload limit", []string{"--max-upload", "lots"}, "--max-upload"},
		{"unknown language", []string{"--lang", "fr"}, "--lang"},
		{"unknown provider", []string{"--provider", "nope"}, "unknown provider"},
		{"argument", []string{"orders.xlsx"}, "unexpected argument"},
		{"rate below 0", []string{"--rate", "-1"}, "--rate"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ORDERIMPORT_WORKSPACE", t.TempDir())
			var out, errb bytes.Buffer
			code := run(append([]string{"serve"}, tc.args...), &out, &errb)
			if code != 2 || !strings.Contains(errb.String(), tc.want) || strings.Count(strings.TrimSpace(errb.String()), "\n") > 0 {
				t.Errorf("exit %d, stderr %q; want 2 and one line naming %q", code, errb.String(), tc.want)
			}
		})
	}
}

// TestPageURL: the address printed and opened.
func TestPageURL(t *testing.T) {
	tests := []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "http://127.0.0.1:8080/"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, "http://127.0.0.1:8080/"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 9000}, "http://127.0.0.1:9000/"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 9000}, "http://[::1]:9000/"},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 5), Port: 80}, "http://192.168.1.5:80/"},
	}
	for _, tc := range tests {
		t.Run(tc.addr.String(), func(t *testing.T) {
			if got := pageURL(tc.addr); got != tc.want {
				t.Errorf("pageURL(%s) = %s, want %s", tc.addr, got, tc.want)
			}
		})
	}
}
