package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// runningPod is one pod on the node: its address, directory and containers.
type runningPod struct {
	runner      *podRunner
	pod         *corev1.Pod
	ip          string
	dir         string
	terminating bool // guarded by runner.mu

	ctx        context.Context // cancelled when the pod is to stop
	cancel     context.CancelFunc
	mu         sync.Mutex
	containers []*container
	stopped    chan struct{}
	reporting  sync.Mutex // one status write at a time, each from a fresh look at the containers
}

func (p *runningPod) run() {
	defer close(p.stopped)
	name := p.pod.Namespace + "/" + p.pod.Name
	if len(p.pod.Spec.InitContainers) > 0 {
		p.fail("Unsupported", "the local pod runner (a test fixture) does not run init containers")
		return
	}
	for _, c := range p.pod.Spec.Containers {
		if findImage(p.runner.images, c.Image) == nil {
			p.fail("UnsupportedImage", fmt.Sprintf("the local pod runner (a test fixture, not a kubelet) runs only this "+
				"checkout's loadfleet images, not %q", c.Image))
			return
		}
	}
	var volumes map[string]string
	for {
		var err error
		volumes, err = volumeWriter{client: p.runner.client, pod: p.pod, dir: p.dir}.prepare(p.ctx)
		var notSupported unsupported
		if errors.As(err, &notSupported) {
			p.fail("Unsupported", notSupported.reason)
			return
		}
		if err == nil {
			break
		}
		log.Printf("pod %s: volumes: %v", name, err)
		p.report("ContainerCreating", err.Error())
		select {
		case <-p.ctx.Done():
			return
		case <-time.After(2 * time.Second):
		}
	}
	p.mu.Lock()
	if p.ctx.Err() != nil { // deleted while its volumes were being written
		p.mu.Unlock()
		return
	}
	for i := range p.pod.Spec.Containers {
		p.containers = append(p.containers, &container{pod: p, spec: &p.pod.Spec.Containers[i]})
	}
	p.mu.Unlock()
	var wg sync.WaitGroup
	for _, c := range p.containers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c.loop(volumes)
		}()
	}
	log.Printf("pod %s: running on %s", name, p.ip)
	wg.Wait()
}

// stop ends the containers: SIGTERM, then SIGKILL when the grace period is over.
func (p *runningPod) stop(grace time.Duration) {
	p.mu.Lock()
	p.cancel()
	containers := p.containers
	p.mu.Unlock()
	for _, c := range containers {
		c.signal(syscall.SIGTERM)
	}
	select {
	case <-p.stopped:
	case <-time.After(grace):
		for _, c := range containers {
			c.signal(syscall.SIGKILL)
		}
		<-p.stopped
	}
	os.RemoveAll(p.dir)
}

func (p *runningPod) fail(reason, message string) {
	log.Printf("pod %s/%s: %s: %s", p.pod.Namespace, p.pod.Name, reason, message)
	p.runner.updateStatus(p.pod, func(s *corev1.PodStatus) {
		s.Phase, s.Reason, s.Message = corev1.PodFailed, reason, message
		s.HostIP = "127.0.0.1"
	})
}

// report publishes the pod's status: phase, conditions and each container's state.
func (p *runningPod) report(waitingReason, waitingMessage string) {
	p.reporting.Lock()
	defer p.reporting.Unlock()
	p.mu.Lock()
	statuses := make([]corev1.ContainerStatus, 0, len(p.pod.Spec.Containers))
	// Running once every container has started, also while one waits to restart (as the kubelet has it)
	allReady, allStarted := len(p.containers) > 0, len(p.containers) > 0
	for i, spec := range p.pod.Spec.Containers {
		status := corev1.ContainerStatus{Name: spec.Name, Image: spec.Image, ImageID: "loadfleet-local://" + spec.Image,
			State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: waitingReason, Message: waitingMessage}}}
		if i < len(p.containers) {
			status = p.containers[i].status()
		}
		allReady = allReady && status.Ready
		allStarted = allStarted && (status.State.Running != nil || status.RestartCount > 0)
		statuses = append(statuses, status)
	}
	p.mu.Unlock()
	now := metav1.Now()
	p.runner.updateStatus(p.pod, func(s *corev1.PodStatus) {
		s.Phase = corev1.PodPending
		if allStarted {
			s.Phase = corev1.PodRunning
		}
		s.HostIP, s.HostIPs = "127.0.0.1", []corev1.HostIP{{IP: "127.0.0.1"}}
		s.PodIP, s.PodIPs = p.ip, []corev1.PodIP{{IP: p.ip}}
		if s.StartTime == nil {
			s.StartTime = &now
		}
		s.ContainerStatuses = statuses
		setCondition(s, corev1.PodScheduled, true, now)
		setCondition(s, corev1.PodReadyToStartContainers, true, now)
		setCondition(s, corev1.PodInitialized, true, now)
		setCondition(s, corev1.ContainersReady, allReady, now)
		setCondition(s, corev1.PodReady, allReady, now)
	})
}

func setCondition(s *corev1.PodStatus, kind corev1.PodConditionType, value bool, now metav1.Time) {
	status := corev1.ConditionFalse
	if value {
		status = corev1.ConditionTrue
	}
	for i := range s.Conditions {
		if s.Conditions[i].Type == kind {
			if s.Conditions[i].Status != status {
				s.Conditions[i].Status, s.Conditions[i].LastTransitionTime = status, now
			}
			return
		}
	}
	s.Conditions = append(s.Conditions, corev1.PodCondition{Type: kind, Status: status, LastTransitionTime: now})
}

// container is one container's process, restarted by the pod's restart policy.
type container struct {
	pod  *runningPod
	spec *corev1.Container

	mu        sync.Mutex
	process   *os.Process
	startedAt metav1.Time
	restarts  int32
	ready     bool
	last      *corev1.ContainerStateTerminated
	waiting   string
}

func (c *container) status() corev1.ContainerStatus {
	c.mu.Lock()
	defer c.mu.Unlock()
	status := corev1.ContainerStatus{Name: c.spec.Name, Image: c.spec.Image, ImageID: "loadfleet-local://" + c.spec.Image,
		Ready: c.ready, RestartCount: c.restarts}
	if c.process != nil {
		started := true
		status.Started = &started
		status.ContainerID = "loadfleet-local://" + strconv.Itoa(c.process.Pid)
		status.State.Running = &corev1.ContainerStateRunning{StartedAt: c.startedAt}
	} else {
		status.State.Waiting = &corev1.ContainerStateWaiting{Reason: c.waiting}
	}
	if c.last != nil {
		status.LastTerminationState.Terminated = c.last
	}
	return status
}

func (c *container) signal(sig syscall.Signal) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.process != nil {
		syscall.Kill(-c.process.Pid, sig)
	}
}

// loop runs the container until the pod stops, restarting it as its restart policy says.
func (c *container) loop(volumes map[string]string) {
	backoff := time.Second
	for {
		exit, err := c.runOnce(volumes)
		if c.pod.ctx.Err() != nil {
			return
		}
		policy := c.pod.pod.Spec.RestartPolicy
		if err != nil {
			log.Printf("pod %s/%s container %s: %v", c.pod.pod.Namespace, c.pod.pod.Name, c.spec.Name, err)
		}
		if policy == corev1.RestartPolicyNever || (policy == corev1.RestartPolicyOnFailure && exit == 0) {
			phase := corev1.PodSucceeded
			if exit != 0 {
				phase = corev1.PodFailed
			}
			c.pod.runner.updateStatus(c.pod.pod, func(s *corev1.PodStatus) { s.Phase = phase })
			return
		}
		c.mu.Lock()
		c.restarts++
		c.waiting = "CrashLoopBackOff"
		c.mu.Unlock()
		c.pod.report("", "")
		select {
		case <-c.pod.ctx.Done():
			return
		case <-time.After(backoff):
		}
		backoff = min(backoff*2, 20*time.Second)
	}
}

// runOnce starts the process, probes it and waits for it to end; it returns the exit code.
func (c *container) runOnce(volumes map[string]string) (int, error) {
	cmd, logFile, err := c.command(volumes)
	if err != nil {
		return -1, err
	}
	defer logFile.Close()
	if err := cmd.Start(); err != nil {
		return -1, err
	}
	c.mu.Lock()
	c.process, c.startedAt, c.ready, c.waiting = cmd.Process, metav1.Now(), false, ""
	if c.pod.ctx.Err() != nil { // the pod was deleted while this started: stop() may have missed it
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	c.mu.Unlock()
	c.pod.report("", "")
	probing, stopProbing := context.WithCancel(c.pod.ctx)
	go c.probe(probing, c.spec.ReadinessProbe, func(ok bool) {
		c.mu.Lock()
		changed := c.ready != ok
		c.ready = ok
		c.mu.Unlock()
		if changed {
			c.pod.report("", "")
		}
	})
	go c.probe(probing, c.spec.LivenessProbe, func(ok bool) {
		if !ok {
			log.Printf("pod %s/%s container %s: liveness probe failed, restarting", c.pod.pod.Namespace, c.pod.pod.Name, c.spec.Name)
			c.signal(syscall.SIGKILL)
		}
	})
	waitErr := cmd.Wait()
	stopProbing()
	exit := cmd.ProcessState.ExitCode()
	if status, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && status.Signaled() {
		exit = 128 + int(status.Signal())
	}
	c.mu.Lock()
	c.last = &corev1.ContainerStateTerminated{ExitCode: int32(exit), StartedAt: c.startedAt, FinishedAt: metav1.Now(),
		Reason: map[bool]string{true: "Completed", false: "Error"}[exit == 0], ContainerID: "loadfleet-local://" + strconv.Itoa(cmd.Process.Pid)}
	c.process, c.ready = nil, false
	c.mu.Unlock()
	var exitErr *exec.ExitError
	if errors.As(waitErr, &exitErr) {
		waitErr = nil
	}
	return exit, waitErr
}

// command is the container's process: this binary's pod-exec in a new mount namespace.
func (c *container) command(volumes map[string]string) (*exec.Cmd, *os.File, error) {
	pod, spec := c.pod.pod, c.spec
	image := findImage(c.pod.runner.images, spec.Image)
	env, err := c.environment()
	if err != nil {
		return nil, nil, err
	}
	argv := append([]string{}, image.entrypoint...)
	if len(spec.Command) > 0 {
		argv = append([]string{}, spec.Command...)
	}
	args := image.cmd
	if len(spec.Command) > 0 || len(spec.Args) > 0 {
		args = spec.Args
	}
	argv = append(argv, args...)
	for i := range argv {
		argv[i] = expand(argv[i], byName(env))
	}
	if limit, ok := spec.Resources.Limits[corev1.ResourceMemory]; ok && argv[0] == "java" {
		// the JVM sizes its heap from the container's memory limit; without a cgroup, say it
		argv = append([]string{"java", "-XX:MaxRAM=" + strconv.FormatInt(limit.Value(), 10)}, argv[1:]...)
	}
	launch := containerLaunch{Argv: argv, WorkingDir: spec.WorkingDir, UID: image.uid, GID: image.gid,
		ScratchDir: filepath.Join(c.pod.dir, "overlays", spec.Name)}
	if err := c.securityContext(&launch); err != nil {
		return nil, nil, err
	}
	for target, source := range image.files {
		launch.Mounts = append(launch.Mounts, bindMount{Source: source, Target: target, ReadOnly: true})
	}
	for _, m := range spec.VolumeMounts {
		source, ok := volumes[m.Name]
		if !ok {
			return nil, nil, fmt.Errorf("volume mount %q names no volume", m.Name)
		}
		if m.SubPath != "" {
			source = filepath.Join(source, m.SubPath)
		}
		launch.Mounts = append(launch.Mounts, bindMount{Source: source, Target: m.MountPath, ReadOnly: m.ReadOnly})
	}
	if err := os.MkdirAll(c.pod.dir, 0o755); err != nil {
		return nil, nil, err
	}
	logFile, err := os.OpenFile(filepath.Join(c.pod.dir, "..", fmt.Sprintf("%s_%s_%s.log", pod.Namespace, pod.Name, spec.Name)),
		os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	encoded, _ := json.Marshal(launch)
	self, _ := os.Executable()
	cmd := exec.Command(self, podExecCommand, string(encoded))
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNS, Setpgid: true, Pdeathsig: syscall.SIGKILL}
	return cmd, logFile, nil
}

// securityContext applies the pod's and container's user, groups and read-only root, and refuses
// to run as root a container that must not, as the kubelet does.
func (c *container) securityContext(launch *containerLaunch) error {
	podContext, spec := c.pod.pod.Spec.SecurityContext, c.spec
	nonRoot := false
	if podContext != nil {
		if podContext.RunAsUser != nil {
			launch.UID = *podContext.RunAsUser
		}
		if podContext.RunAsGroup != nil {
			launch.GID = *podContext.RunAsGroup
		}
		if podContext.FSGroup != nil {
			launch.Groups = append(launch.Groups, *podContext.FSGroup)
		}
		launch.Groups = append(launch.Groups, podContext.SupplementalGroups...)
		nonRoot = podContext.RunAsNonRoot != nil && *podContext.RunAsNonRoot
	}
	if sc := spec.SecurityContext; sc != nil {
		if sc.RunAsUser != nil {
			launch.UID = *sc.RunAsUser
		}
		if sc.RunAsGroup != nil {
			launch.GID = *sc.RunAsGroup
		}
		if sc.RunAsNonRoot != nil {
			nonRoot = *sc.RunAsNonRoot
		}
		launch.ReadOnlyRoot = sc.ReadOnlyRootFilesystem != nil && *sc.ReadOnlyRootFilesystem
	}
	if nonRoot && launch.UID == 0 {
		return fmt.Errorf("container has runAsNonRoot and image will run as root")
	}
	return nil
}

// environment is the container's env as the kubelet builds it, plus where the API server is and
// the pod's address to bind to (pods share the host's network here, each on its own 127.0.0.N).
func (c *container) environment() ([]string, error) {
	pod, spec, client := c.pod.pod, c.spec, c.pod.runner.client
	ctx := c.pod.ctx
	values := map[string]string{}
	var order []string
	set := func(name, value string) {
		if _, seen := values[name]; !seen {
			order = append(order, name)
		}
		values[name] = value
	}
	set("PATH", filepath.Join(c.pod.runner.javaHome, "bin")+":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
	set("JAVA_HOME", c.pod.runner.javaHome)
	set("HOSTNAME", pod.Name)
	set("HOME", "/tmp")
	set("KUBERNETES_SERVICE_HOST", "127.0.0.1")
	set("KUBERNETES_SERVICE_PORT", strconv.Itoa(c.pod.runner.apiPort))
	set("LOADFLEET_BIND_ADDRESS", c.pod.ip)
	for _, from := range spec.EnvFrom {
		var data map[string]string
		switch {
		case from.ConfigMapRef != nil:
			cm, err := client.CoreV1().ConfigMaps(pod.Namespace).Get(ctx, from.ConfigMapRef.Name, metav1.GetOptions{})
			if err != nil {
				return nil, err
			}
			data = cm.Data
		case from.SecretRef != nil:
			secret, err := client.CoreV1().Secrets(pod.Namespace).Get(ctx, from.SecretRef.Name, metav1.GetOptions{})
			if err != nil {
				return nil, err
			}
			data = map[string]string{}
			for k, v := range secret.Data {
				data[k] = string(v)
			}
		}
		for k, v := range data {
			set(from.Prefix+k, v)
		}
	}
	for _, e := range spec.Env {
		value := expand(e.Value, values)
		if from := e.ValueFrom; from != nil {
			var err error
			switch {
			case from.FieldRef != nil:
				value, err = fieldValue(pod, from.FieldRef.FieldPath, c.pod.ip)
			case from.SecretKeyRef != nil:
				var secret *corev1.Secret
				if secret, err = client.CoreV1().Secrets(pod.Namespace).Get(ctx, from.SecretKeyRef.Name, metav1.GetOptions{}); err == nil {
					value = string(secret.Data[from.SecretKeyRef.Key])
				}
			case from.ConfigMapKeyRef != nil:
				var cm *corev1.ConfigMap
				if cm, err = client.CoreV1().ConfigMaps(pod.Namespace).Get(ctx, from.ConfigMapKeyRef.Name, metav1.GetOptions{}); err == nil {
					value = cm.Data[from.ConfigMapKeyRef.Key]
				}
			default:
				err = fmt.Errorf("env %s: only fieldRef, secretKeyRef and configMapKeyRef", e.Name)
			}
			if err != nil {
				return nil, err
			}
		}
		set(e.Name, value)
	}
	env := make([]string, 0, len(order))
	for _, name := range order {
		env = append(env, name+"="+values[name])
	}
	return env, nil
}

// expand replaces $(NAME) with the variable's value, as Kubernetes does in env values and args.
func expand(s string, values map[string]string) string {
	var out strings.Builder
	for {
		start := strings.Index(s, "$(")
		if start < 0 {
			return out.String() + s
		}
		end := strings.Index(s[start:], ")")
		if end < 0 {
			return out.String() + s
		}
		name := s[start+2 : start+end]
		out.WriteString(s[:start])
		if value, ok := values[name]; ok {
			out.WriteString(value)
		} else {
			out.WriteString(s[start : start+end+1])
		}
		s = s[start+end+1:]
	}
}

// byName is an environment (NAME=value entries) as a map.
func byName(env []string) map[string]string {
	values := make(map[string]string, len(env))
	for _, kv := range env {
		name, value, _ := strings.Cut(kv, "=")
		values[name] = value
	}
	return values
}

// probe runs an httpGet or tcpSocket probe on its schedule and reports each change of its verdict.
func (c *container) probe(ctx context.Context, probe *corev1.Probe, report func(bool)) {
	if probe == nil {
		if c.spec.ReadinessProbe == probe {
			report(true) // no readiness probe: ready once running
		}
		return
	}
	period := seconds(probe.PeriodSeconds, 10)
	timeout := seconds(probe.TimeoutSeconds, 1)
	failureThreshold, successThreshold := int(probe.FailureThreshold), int(probe.SuccessThreshold)
	if failureThreshold == 0 {
		failureThreshold = 3
	}
	if successThreshold == 0 {
		successThreshold = 1
	}
	select {
	case <-ctx.Done():
		return
	case <-time.After(seconds(probe.InitialDelaySeconds, 0)):
	}
	successes, failures := 0, 0
	for {
		if c.check(probe, timeout) {
			successes, failures = successes+1, 0
			if successes == successThreshold {
				report(true)
			}
		} else {
			successes, failures = 0, failures+1
			if failures == failureThreshold {
				report(false)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(period):
		}
	}
}

func (c *container) check(probe *corev1.Probe, timeout time.Duration) bool {
	switch {
	case probe.HTTPGet != nil:
		port := c.port(probe.HTTPGet.Port)
		client := http.Client{Timeout: timeout}
		resp, err := client.Get(fmt.Sprintf("http://%s%s", net.JoinHostPort(c.pod.ip, strconv.Itoa(port)), probe.HTTPGet.Path))
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode >= 200 && resp.StatusCode < 400
	case probe.TCPSocket != nil:
		conn, err := net.DialTimeout("tcp", net.JoinHostPort(c.pod.ip, strconv.Itoa(c.port(probe.TCPSocket.Port))), timeout)
		if err != nil {
			return false
		}
		conn.Close()
		return true
	}
	return true // exec and gRPC probes are not run by this fixture
}

func (c *container) port(port intstr.IntOrString) int {
	if port.Type == intstr.Int {
		return port.IntValue()
	}
	for _, p := range c.spec.Ports {
		if p.Name == port.StrVal {
			return int(p.ContainerPort)
		}
	}
	return 0
}

func seconds(value int32, fallback int) time.Duration {
	if value == 0 {
		return time.Duration(fallback) * time.Second
	}
	return time.Duration(value) * time.Second
}
