package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/retry"
	"k8s.io/client-go/util/workqueue"
)

const nodeName = "loadfleet-local"

// podRunner plays scheduler and kubelet for one node: it binds pending pods to the node, runs the
// pods whose image it knows as processes (each on an address NET.N of its own, see --pod-net),
// probes them, reports their status, and on deletion stops them and removes them. It is a test
// fixture.
type podRunner struct {
	client   kubernetes.Interface
	dir      string
	apiPort  int
	javaHome string
	images   map[string]*imageRuntime
	queue    workqueue.TypedRateLimitingInterface[string]
	lister   cache.Indexer

	mu     sync.Mutex
	pods   map[types.UID]*runningPod
	ips    *ipPool
	closed bool // stopAll has begun: no pod starts any more
}

func newPodRunner(client kubernetes.Interface, dir string, apiPort int, javaHome, podNet string, images map[string]*imageRuntime) *podRunner {
	return &podRunner{client: client, dir: dir, apiPort: apiPort, javaHome: javaHome, images: images,
		queue: workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]()),
		pods:  map[types.UID]*runningPod{}, ips: newIPPool(podNet)}
}

func (r *podRunner) start(ctx context.Context) error {
	if err := r.registerNode(ctx); err != nil {
		return err
	}
	factory := informers.NewSharedInformerFactory(r.client, 0)
	informer := factory.Core().V1().Pods().Informer()
	enqueue := func(obj any) {
		if key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj); err == nil {
			r.queue.Add(key)
		}
	}
	informer.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: enqueue,
		UpdateFunc: func(_, obj any) { enqueue(obj) }, DeleteFunc: enqueue})
	r.lister = informer.GetIndexer()
	factory.Start(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), informer.HasSynced) {
		return errors.New("pod informer did not sync")
	}
	for i := 0; i < 4; i++ {
		go r.work(ctx)
	}
	return nil
}

func (r *podRunner) registerNode(ctx context.Context) error {
	capacity := corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("2"),
		corev1.ResourceMemory: resource.MustParse("24Gi"), corev1.ResourcePods: resource.MustParse("110")}
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: nodeName, Labels: map[string]string{
		"kubernetes.io/hostname": nodeName, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"}}}
	created, err := r.client.CoreV1().Nodes().Create(ctx, node, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("node: %w", err)
	}
	now := metav1.Now()
	created.Status = corev1.NodeStatus{Capacity: capacity, Allocatable: capacity,
		Conditions: []corev1.NodeCondition{{Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "LocalPodRunner",
			Message: "the loadfleet local pod runner (a test fixture, not a kubelet)", LastHeartbeatTime: now, LastTransitionTime: now}},
		Addresses: []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: "127.0.0.1"}, {Type: corev1.NodeHostName, Address: nodeName}},
		NodeInfo:  corev1.NodeSystemInfo{OperatingSystem: "linux", Architecture: "amd64", KubeletVersion: "loadfleet-pod-runner"}}
	_, err = r.client.CoreV1().Nodes().UpdateStatus(ctx, created, metav1.UpdateOptions{})
	return err
}

func (r *podRunner) work(ctx context.Context) {
	for {
		key, shutdown := r.queue.Get()
		if shutdown {
			return
		}
		if err := r.sync(ctx, key); err != nil {
			log.Printf("pod %s: %v (retrying)", key, err)
			r.queue.AddRateLimited(key)
		} else {
			r.queue.Forget(key)
		}
		r.queue.Done(key)
	}
}

func (r *podRunner) sync(ctx context.Context, key string) error {
	obj, exists, err := r.lister.GetByKey(key)
	if err != nil {
		return err
	}
	if !exists {
		r.forget(key, "") // deleted at once (grace period 0, or --force): nothing else stops it
		return nil
	}
	pod := obj.(*corev1.Pod)
	r.forget(key, pod.UID) // a pod of the same name that is gone, e.g. force-deleted and recreated
	switch {
	case pod.Spec.NodeName == "" && pod.DeletionTimestamp != nil:
		return r.remove(ctx, pod)
	case pod.Spec.NodeName == "":
		return r.bind(ctx, pod)
	case pod.Spec.NodeName != nodeName:
		return nil
	case pod.DeletionTimestamp != nil:
		r.terminate(pod)
		return nil
	case pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed:
		return nil
	default:
		r.run(pod)
		return nil
	}
}

func (r *podRunner) bind(ctx context.Context, pod *corev1.Pod) error {
	err := r.client.CoreV1().Pods(pod.Namespace).Bind(ctx, &corev1.Binding{
		ObjectMeta: metav1.ObjectMeta{Name: pod.Name, UID: pod.UID},
		Target:     corev1.ObjectReference{Kind: "Node", Name: nodeName}}, metav1.CreateOptions{})
	if apierrors.IsConflict(err) || apierrors.IsNotFound(err) {
		return nil // bound already, or gone
	}
	return err
}

// run starts a pod once; its containers run by the pod's restart policy until it is deleted.
func (r *podRunner) run(pod *corev1.Pod) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, known := r.pods[pod.UID]; known || r.closed {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	running := &runningPod{runner: r, pod: pod.DeepCopy(), ip: r.ips.take(), ctx: ctx, cancel: cancel,
		dir: filepath.Join(r.dir, pod.Namespace+"_"+pod.Name+"_"+string(pod.UID)), stopped: make(chan struct{})}
	r.pods[pod.UID] = running
	go running.run()
}

// forget stops, at once, the running pods named by key (namespace/name) other than keep.
func (r *podRunner) forget(key string, keep types.UID) {
	r.mu.Lock()
	var gone []*runningPod
	for uid, p := range r.pods {
		if uid != keep && p.pod.Namespace+"/"+p.pod.Name == key && !p.terminating {
			p.terminating = true
			gone = append(gone, p)
		}
	}
	r.mu.Unlock()
	for _, p := range gone {
		go func() {
			p.stop(0)
			r.mu.Lock()
			delete(r.pods, p.pod.UID)
			r.ips.release(p.ip)
			r.mu.Unlock()
		}()
	}
}

// terminate stops a deleted pod's containers within its grace period, then removes it.
func (r *podRunner) terminate(pod *corev1.Pod) {
	r.mu.Lock()
	running, known := r.pods[pod.UID]
	if known && running.terminating {
		r.mu.Unlock()
		return
	}
	if known {
		running.terminating = true
	}
	r.mu.Unlock()
	grace := 30 * time.Second
	if pod.DeletionGracePeriodSeconds != nil {
		grace = time.Duration(*pod.DeletionGracePeriodSeconds) * time.Second
	}
	go func() {
		if known {
			running.stop(grace)
			r.mu.Lock()
			delete(r.pods, pod.UID)
			r.ips.release(running.ip)
			r.mu.Unlock()
		}
		if err := r.remove(context.Background(), pod); err != nil {
			log.Printf("pod %s/%s: final delete: %v", pod.Namespace, pod.Name, err)
		}
	}()
}

// remove ends the pod's graceful deletion, as the kubelet does once its containers are gone.
func (r *podRunner) remove(ctx context.Context, pod *corev1.Pod) error {
	err := r.client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name, metav1.DeleteOptions{
		GracePeriodSeconds: new(int64), Preconditions: &metav1.Preconditions{UID: &pod.UID}})
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil
	}
	return err
}

// stopAll ends every pod's processes when the cluster stops.
func (r *podRunner) stopAll() {
	r.queue.ShutDown()
	r.mu.Lock()
	r.closed = true
	pods := make([]*runningPod, 0, len(r.pods))
	for _, p := range r.pods {
		pods = append(pods, p)
	}
	r.mu.Unlock()
	var wg sync.WaitGroup
	for _, p := range pods {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p.stop(10 * time.Second)
		}()
	}
	wg.Wait()
}

// updateStatus writes a pod's status from the runner's view, on the newest copy of the pod.
func (r *podRunner) updateStatus(pod *corev1.Pod, mutate func(*corev1.PodStatus)) {
	err := retry.RetryOnConflict(retry.DefaultRetry, func() error {
		current, err := r.client.CoreV1().Pods(pod.Namespace).Get(context.Background(), pod.Name, metav1.GetOptions{})
		if err != nil {
			return err
		}
		if current.UID != pod.UID {
			return nil
		}
		mutate(&current.Status)
		_, err = r.client.CoreV1().Pods(pod.Namespace).UpdateStatus(context.Background(), current, metav1.UpdateOptions{})
		return err
	})
	if err != nil && !apierrors.IsNotFound(err) {
		log.Printf("pod %s/%s: status: %v", pod.Namespace, pod.Name, err)
	}
}

// ipPool hands out NET.2 to NET.254 (all on loopback), the longest-free address first.
type ipPool struct{ free []string }

func newIPPool(net string) *ipPool {
	p := &ipPool{}
	for i := 2; i < 255; i++ {
		p.free = append(p.free, fmt.Sprintf("%s.%d", net, i))
	}
	return p
}

func (p *ipPool) take() string {
	if len(p.free) == 0 {
		log.Fatal("no pod addresses left")
	}
	ip := p.free[0]
	p.free = p.free[1:]
	return ip
}

func (p *ipPool) release(ip string) { p.free = append(p.free, ip) }

func init() {
	// the pods' directories must be reachable by their non-root users
	syscall.Umask(0o022)
}
