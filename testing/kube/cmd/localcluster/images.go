package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// imageRuntime is how the pod runner runs an image without a container runtime: the final stage
// of its Dockerfile says the entrypoint, the default command, the user and which of this
// checkout's files sit where in the image.
type imageRuntime struct {
	entrypoint []string
	cmd        []string
	uid, gid   int64
	files      map[string]string // path in the image -> file in this checkout
}

func loadImages(repoRoot string, images imageFlags) (map[string]*imageRuntime, error) {
	out := map[string]*imageRuntime{}
	for repo, dockerfile := range images {
		image, err := parseDockerfile(repoRoot, filepath.Join(repoRoot, dockerfile))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", dockerfile, err)
		}
		out[repo] = image
	}
	return out, nil
}

func parseDockerfile(repoRoot, path string) (*imageRuntime, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var image *imageRuntime
	scanner := bufio.NewScanner(f)
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		instruction, rest, _ := strings.Cut(line, " ")
		switch strings.ToUpper(instruction) {
		case "FROM": // only the last stage is the image
			image = &imageRuntime{files: map[string]string{}}
		case "ENTRYPOINT":
			err = json.Unmarshal([]byte(rest), &image.entrypoint)
		case "CMD":
			err = json.Unmarshal([]byte(rest), &image.cmd)
		case "USER":
			user, group, _ := strings.Cut(rest, ":")
			if image.uid, err = strconv.ParseInt(user, 10, 64); err == nil && group != "" {
				image.gid, err = strconv.ParseInt(group, 10, 64)
			}
		case "COPY":
			// COPY --from=build /src/<path in checkout> <path in image>
			fields := strings.Fields(rest)
			if len(fields) == 3 && strings.HasPrefix(fields[0], "--from=") && strings.HasPrefix(fields[1], "/src/") {
				image.files[fields[2]] = filepath.Join(repoRoot, strings.TrimPrefix(fields[1], "/src/"))
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%q: %w", line, err)
		}
	}
	if image == nil || len(image.entrypoint) == 0 {
		return nil, fmt.Errorf("no final stage with an ENTRYPOINT")
	}
	return image, scanner.Err()
}

// findImage is the runtime of an image reference (repository[:tag][@digest]), or nil.
func findImage(images map[string]*imageRuntime, ref string) *imageRuntime {
	repo := ref
	if at := strings.Index(repo, "@"); at >= 0 {
		repo = repo[:at]
	}
	if colon := strings.LastIndex(repo, ":"); colon > strings.LastIndex(repo, "/") {
		repo = repo[:colon]
	}
	return images[repo]
}
