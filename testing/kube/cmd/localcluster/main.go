// Command localcluster runs a real Kubernetes control plane on loopback for loadfleet's tests and
// for contributors without a cluster: etcd (embedded), kube-apiserver and kube-controller-manager
// built from k8s.io/kubernetes, a pod runner that plays scheduler and kubelet for one node, and a
// provisioner of volumes for PersistentVolumeClaims.
// It is a test fixture, not a kubelet: see docs/local-cluster.md.
package main

import (
	"context"
	"encoding/base64"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/wait"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/clientcmd"
)

type imageFlags map[string]string

func (f imageFlags) String() string { return fmt.Sprint(map[string]string(f)) }
func (f imageFlags) Set(v string) error {
	repo, dockerfile, ok := strings.Cut(v, "=")
	if !ok {
		return fmt.Errorf("want REPOSITORY=DOCKERFILE, got %q", v)
	}
	f[repo] = dockerfile
	return nil
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == podExecCommand {
		podExec(os.Args[2:])
		return
	}
	dir := flag.String("dir", "target/local-cluster", "state, logs and kubeconfig")
	bin := flag.String("bin", "", "directory holding kube-apiserver and kube-controller-manager")
	repoRoot := flag.String("repo", ".", "the checkout whose jars the pods run")
	javaHome := flag.String("java-home", os.Getenv("JAVA_HOME"), "JDK the pods' java comes from")
	port := flag.Int("port", 0, "kube-apiserver port (0: a free one)")
	podNet := flag.String("pod-net", "127.0.0", "pods get addresses NET.2 to NET.254 (another cluster on this machine needs another NET)")
	images := imageFlags{}
	flag.Var(images, "image", "REPOSITORY=DOCKERFILE: pods with an image of REPOSITORY run as that Dockerfile describes, with this checkout's jar (repeatable)")
	flag.Parse()
	if err := run(*dir, *bin, *repoRoot, *javaHome, *port, *podNet, images); err != nil {
		log.Fatalf("local cluster: %v", err)
	}
}

func run(dir, bin, repoRoot, javaHome string, port int, podNet string, images imageFlags) error {
	dir, _ = filepath.Abs(dir)
	repoRoot, _ = filepath.Abs(repoRoot)
	for _, sub := range []string{"etcd", "pki", "pods", "logs", "volumes"} {
		os.RemoveAll(filepath.Join(dir, sub))
	}
	os.Remove(filepath.Join(dir, "ready"))
	logDir := filepath.Join(dir, "logs")
	if err := os.MkdirAll(logDir, 0o755); err != nil {
		return err
	}
	log.SetOutput(mustCreate(filepath.Join(logDir, "localcluster.log")))
	// from the start, so a stop while starting still runs the clean-up below (it acts once ready)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGTERM, syscall.SIGINT)
	started := time.Now()
	runtimes, err := loadImages(repoRoot, images)
	if err != nil {
		return err
	}
	keys, err := newPKI(filepath.Join(dir, "pki"))
	if err != nil {
		return err
	}
	etcd, etcdURL, err := startEtcd(filepath.Join(dir, "etcd"))
	if err != nil {
		return err
	}
	defer func() {
		etcd.Close()
		// the claims' volumes live as long as their claims, which go with etcd's data
		os.RemoveAll(filepath.Join(dir, "etcd"))
		os.RemoveAll(filepath.Join(dir, "volumes"))
	}()
	// every request of a pod's ServiceAccount is audited: the tests read what the operator was denied
	auditPolicy := filepath.Join(dir, "pki", "audit-policy.yaml")
	if err := os.WriteFile(auditPolicy, []byte(`apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
- level: None
  userGroups: ["system:serviceaccounts:kube-system"]
- level: Metadata
  userGroups: ["system:serviceaccounts"]
- level: None
`), 0o644); err != nil {
		return err
	}
	if port == 0 {
		port = freePort()
	}
	apiserver, err := startChild(logDir, filepath.Join(bin, "kube-apiserver"),
		"--etcd-servers="+etcdURL,
		"--bind-address=127.0.0.1", "--secure-port="+strconv.Itoa(port),
		"--advertise-address=127.0.0.1", "--endpoint-reconciler-type=none",
		"--tls-cert-file="+keys.certFile, "--tls-private-key-file="+keys.keyFile,
		"--client-ca-file="+keys.caFile,
		"--token-auth-file="+keys.tokenFile,
		"--service-account-issuer=https://kubernetes.default.svc.cluster.local",
		"--service-account-key-file="+keys.saPub, "--service-account-signing-key-file="+keys.saKey,
		"--api-audiences=https://kubernetes.default.svc.cluster.local",
		"--service-cluster-ip-range=10.96.0.0/16",
		"--authorization-mode=RBAC",
		// on top of the default plugins (PodSecurity and ServiceAccount among them), as many
		// distributions have it: an owner reference that blocks deletion needs the owner's finalizers
		"--enable-admission-plugins=OwnerReferencesPermissionEnforcement",
		"--allow-privileged=false",
		"--audit-policy-file="+auditPolicy, "--audit-log-path="+filepath.Join(logDir, "audit.log"),
		"--profiling=false", "--v=1")
	if err != nil {
		return err
	}
	defer apiserver.stop(15 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	server := "https://127.0.0.1:" + strconv.Itoa(port)
	if err := awaitHealthy(ctx, apiserver, server+"/readyz", keys.caFile, keys.adminToken); err != nil {
		return err
	}
	kubeconfig := filepath.Join(dir, "kubeconfig")
	if err := writeKubeconfig(kubeconfig, server, keys); err != nil {
		return err
	}
	kcm, err := startChild(logDir, filepath.Join(bin, "kube-controller-manager"),
		"--kubeconfig="+kubeconfig,
		"--authentication-kubeconfig="+kubeconfig, "--authorization-kubeconfig="+kubeconfig,
		"--bind-address=127.0.0.1", "--secure-port="+strconv.Itoa(freePort()),
		"--cert-dir="+filepath.Join(dir, "pki", "kcm"),
		// no real node: node-lifecycle, taint-eviction and pod-garbage-collector are left out; the PV binder
		// binds the claims the local provisioner makes volumes for, and the protection controllers keep a
		// claim in use, and its volume while bound, from going
		"--controllers=statefulset-controller,garbage-collector-controller,replicaset-controller,"+
			"deployment-controller,namespace-controller,serviceaccount-controller,serviceaccount-token-controller,"+
			"clusterrole-aggregation-controller,root-ca-certificate-publisher-controller,"+
			"persistentvolume-binder-controller,persistentvolumeclaim-protection-controller,"+
			"persistentvolume-protection-controller",
		"--use-service-account-credentials=true",
		"--service-account-private-key-file="+keys.saKey,
		"--root-ca-file="+keys.caFile,
		"--leader-elect=false",
		"--concurrent-gc-syncs=5", "--profiling=false", "--v=1")
	if err != nil {
		return err
	}
	defer kcm.stop(15 * time.Second)

	restConfig, err := clientcmd.BuildConfigFromFlags("", kubeconfig)
	if err != nil {
		return err
	}
	restConfig.QPS, restConfig.Burst = 50, 100
	client := kubernetes.NewForConfigOrDie(restConfig)
	// the controllers act: the default ServiceAccount and the root CA ConfigMap appear
	if err := wait.PollUntilContextCancel(ctx, 200*time.Millisecond, true, func(ctx context.Context) (bool, error) {
		if kcm.exited() {
			return false, fmt.Errorf("kube-controller-manager exited while starting (see its log)")
		}
		_, saErr := client.CoreV1().ServiceAccounts("default").Get(ctx, "default", metav1.GetOptions{})
		_, caErr := client.CoreV1().ConfigMaps("default").Get(ctx, "kube-root-ca.crt", metav1.GetOptions{})
		return saErr == nil && caErr == nil, nil
	}); err != nil {
		return fmt.Errorf("controllers not working: %w", err)
	}

	volumes := newProvisioner(client, filepath.Join(dir, "volumes"))
	if err := volumes.start(context.Background()); err != nil {
		return err
	}
	defer volumes.stop()
	runner := newPodRunner(client, filepath.Join(dir, "pods"), port, javaHome, podNet, runtimes)
	if err := runner.start(context.Background()); err != nil {
		return err
	}
	defer runner.stopAll()
	readyNote := fmt.Sprintf("pid=%d\nserver=%s\nkubeconfig=%s\nstartup_ms=%d\n", os.Getpid(), server, kubeconfig,
		time.Since(started).Milliseconds())
	// written whole, then renamed: the script reads it as soon as it appears
	if err := os.WriteFile(filepath.Join(dir, "ready.tmp"), []byte(readyNote), 0o644); err != nil {
		return err
	}
	if err := os.Rename(filepath.Join(dir, "ready.tmp"), filepath.Join(dir, "ready")); err != nil {
		return err
	}
	log.Printf("ready in %s: %s", time.Since(started), server)
	<-signals
	log.Printf("stopping")
	os.Remove(filepath.Join(dir, "ready"))
	return nil
}

func writeKubeconfig(path, server string, keys *pki) error {
	ca, err := os.ReadFile(keys.caFile)
	if err != nil {
		return err
	}
	config := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: local
  cluster:
    server: %s
    certificate-authority-data: %s
users:
- name: admin
  user:
    token: %s
contexts:
- name: local
  context: {cluster: local, user: admin, namespace: default}
current-context: local
`, server, base64.StdEncoding.EncodeToString(ca), keys.adminToken)
	return os.WriteFile(path, []byte(config), 0o600)
}

func mustCreate(path string) *os.File {
	f, err := os.Create(path)
	if err != nil {
		log.Fatal(err)
	}
	return f
}
