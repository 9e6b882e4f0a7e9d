package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"
)

// podExecCommand is how the runner starts a container: this binary again, in a mount namespace of
// the container's own, where it puts the volumes and the image's files at their paths, makes the
// root mount read-only if asked (the host's other mounts, and the volumes, stay as they are),
// drops to the container's user and executes its command.
const podExecCommand = "pod-exec"

type bindMount struct {
	Source   string `json:"source"`
	Target   string `json:"target"`
	ReadOnly bool   `json:"readOnly"`
}

type containerLaunch struct {
	Mounts       []bindMount `json:"mounts"`
	ReadOnlyRoot bool        `json:"readOnlyRoot"`
	UID          int64       `json:"uid"`
	GID          int64       `json:"gid"`
	Groups       []int64     `json:"groups"`
	WorkingDir   string      `json:"workingDir"`
	Argv         []string    `json:"argv"`
	ScratchDir   string      `json:"scratchDir"` // for overlays that make missing mount points
}

// podExec runs in the new mount namespace; its argument is the launch as JSON.
func podExec(args []string) {
	var launch containerLaunch
	if len(args) != 1 || json.Unmarshal([]byte(args[0]), &launch) != nil {
		fail("pod-exec: want one JSON argument")
	}
	// nothing mounted here reaches the host's namespace
	must(syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""), "make mounts private")
	sort.Slice(launch.Mounts, func(i, j int) bool { return launch.Mounts[i].Target < launch.Mounts[j].Target })
	// Sources and the scratch directory are held open from the start: a volume mounted at /tmp hides
	// them when this checkout is under /tmp, and /proc/self/fd/N still leads to them.
	must(os.MkdirAll(launch.ScratchDir, 0o755), "scratch directory")
	launch.ScratchDir = held(launch.ScratchDir)
	dirs := make([]bool, len(launch.Mounts))
	for i := range launch.Mounts {
		info, err := os.Stat(launch.Mounts[i].Source)
		must(err, "volume "+launch.Mounts[i].Source)
		dirs[i] = info.IsDir()
		launch.Mounts[i].Source = held(launch.Mounts[i].Source)
	}
	var overlaid []string
	for i, m := range launch.Mounts {
		must(mountPoint(m.Target, dirs[i], launch.ScratchDir, &overlaid), "mount point "+m.Target)
		must(syscall.Mount(m.Source, m.Target, "", syscall.MS_BIND|syscall.MS_REC, ""), "bind "+m.Target)
		if m.ReadOnly {
			must(syscall.Mount("", m.Target, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""), "read-only "+m.Target)
		}
	}
	if launch.ReadOnlyRoot {
		must(syscall.Mount("", "/", "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""), "read-only root")
	}
	dir := launch.WorkingDir
	if dir == "" {
		dir = "/"
	}
	must(os.Chdir(dir), "working directory "+dir)
	groups := make([]int, 0, len(launch.Groups)+1)
	groups = append(groups, int(launch.GID))
	for _, g := range launch.Groups {
		groups = append(groups, int(g))
	}
	parent := os.Getppid()
	must(syscall.Setgroups(groups), "supplementary groups")
	must(syscall.Setgid(int(launch.GID)), "gid")
	must(syscall.Setuid(int(launch.UID)), "uid")
	// a change of user clears the parent-death signal: set it again, so no container outlives the runner
	must(unix.Prctl(unix.PR_SET_PDEATHSIG, uintptr(syscall.SIGKILL), 0, 0, 0), "parent-death signal")
	if os.Getppid() != parent {
		fail("pod-exec: the pod runner is gone")
	}
	path, err := exec.LookPath(launch.Argv[0])
	must(err, "command")
	must(syscall.Exec(path, launch.Argv, os.Environ()), "exec "+path)
}

// mountPoint makes the target exist. Where its parent is missing, the nearest existing ancestor
// gets an overlay in this namespace, so the host's filesystem is left as it was. Under a directory
// overlaid already the new directories go into that overlay when they can (overlays do not stack
// deep), unless a read-only volume mounted there is in the way.
func mountPoint(target string, dir bool, scratch string, overlaid *[]string) error {
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		return nil
	}
	if under(target, *overlaid) && makeTarget(target, dir) == nil {
		return nil
	}
	ancestor := filepath.Dir(target)
	for {
		if _, err := os.Stat(ancestor); err == nil {
			break
		}
		ancestor = filepath.Dir(ancestor)
	}
	if ancestor != "/" {
		sum := sha256.Sum256([]byte(ancestor))
		base := filepath.Join(scratch, hex.EncodeToString(sum[:8]))
		upper, work := filepath.Join(base, "upper"), filepath.Join(base, "work")
		if err := os.MkdirAll(upper, 0o755); err != nil {
			return err
		}
		if err := os.MkdirAll(work, 0o755); err != nil {
			return err
		}
		options := "lowerdir=" + ancestor + ",upperdir=" + upper + ",workdir=" + work
		if err := syscall.Mount("overlay", ancestor, "overlay", 0, options); err != nil {
			return fmt.Errorf("overlay on %s: %w", ancestor, err)
		}
		*overlaid = append(*overlaid, ancestor)
	}
	return makeTarget(target, dir)
}

// held opens path (O_PATH: no access needed) and names it by its descriptor, which this process
// keeps until it executes the container's command.
func held(path string) string {
	fd, err := syscall.Open(path, unix.O_PATH|syscall.O_CLOEXEC, 0)
	must(err, "open "+path)
	return fmt.Sprintf("/proc/self/fd/%d", fd)
}

// makeTarget creates a directory, or an empty file to bind a file onto.
func makeTarget(target string, dir bool) error {
	if dir {
		return os.MkdirAll(target, 0o755)
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_CREATE, 0o644)
	if err == nil {
		f.Close()
	}
	return err
}

func under(path string, roots []string) bool {
	for _, root := range roots {
		if strings.HasPrefix(path, root+"/") {
			return true
		}
	}
	return false
}

func must(err error, what string) {
	if err != nil {
		fail("pod-exec: " + what + ": " + err.Error())
	}
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, strings.TrimSpace(message))
	os.Exit(128)
}
