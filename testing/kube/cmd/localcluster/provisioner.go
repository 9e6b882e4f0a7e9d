package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/util/workqueue"
)

const (
	// storageClassName is the cluster's default StorageClass, so claims that name none get it, as on a
	// real cluster.
	storageClassName = "loadfleet-local"
	provisionerName  = "loadfleet.io/local-volumes"
	// provisionedBy marks a volume as made by a provisioner; the PV binder then leaves its deletion to it.
	provisionedBy = "pv.kubernetes.io/provisioned-by"
)

// provisioner plays an external provisioner (a CSI driver's) for storageClassName: for each claim of the
// class without a volume it makes a directory and a PersistentVolume pre-bound to the claim, which the
// kube-controller-manager's PV binder then binds; once the claim is deleted and the binder has released
// the volume, it deletes both. So a claim's files outlive its pods and go with the claim. A new
// volume's directory is root's, as a new file system is, until the pod runner gives it to a pod's
// fsGroup as the kubelet does. It is a test fixture.
type provisioner struct {
	client  kubernetes.Interface
	dir     string // a directory per volume
	queue   workqueue.TypedRateLimitingInterface[string]
	claims  cache.Indexer
	volumes cache.Indexer
}

func newProvisioner(client kubernetes.Interface, dir string) *provisioner {
	return &provisioner{client: client, dir: dir,
		queue: workqueue.NewTypedRateLimitingQueue(workqueue.DefaultTypedControllerRateLimiter[string]())}
}

func (p *provisioner) start(ctx context.Context) error {
	if err := os.MkdirAll(p.dir, 0o755); err != nil {
		return err
	}
	deleteVolumes, immediate := corev1.PersistentVolumeReclaimDelete, storagev1.VolumeBindingImmediate
	class := &storagev1.StorageClass{
		ObjectMeta: metav1.ObjectMeta{Name: storageClassName,
			Annotations: map[string]string{"storageclass.kubernetes.io/is-default-class": "true"}},
		Provisioner: provisionerName, ReclaimPolicy: &deleteVolumes, VolumeBindingMode: &immediate}
	if _, err := p.client.StorageV1().StorageClasses().Create(ctx, class, metav1.CreateOptions{}); err != nil {
		return fmt.Errorf("storage class: %w", err)
	}
	factory := informers.NewSharedInformerFactory(p.client, 0)
	claims := factory.Core().V1().PersistentVolumeClaims().Informer()
	volumes := factory.Core().V1().PersistentVolumes().Informer()
	claims.AddEventHandler(p.enqueue("claim"))
	volumes.AddEventHandler(p.enqueue("volume"))
	p.claims, p.volumes = claims.GetIndexer(), volumes.GetIndexer()
	factory.Start(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), claims.HasSynced, volumes.HasSynced) {
		return errors.New("claim and volume informers did not sync")
	}
	go p.work(ctx)
	return nil
}

// enqueue queues KIND/KEY of each object added or changed.
func (p *provisioner) enqueue(kind string) cache.ResourceEventHandlerFuncs {
	add := func(obj any) {
		if key, err := cache.MetaNamespaceKeyFunc(obj); err == nil {
			p.queue.Add(kind + "/" + key)
		}
	}
	return cache.ResourceEventHandlerFuncs{AddFunc: add, UpdateFunc: func(_, obj any) { add(obj) }}
}

func (p *provisioner) stop() { p.queue.ShutDown() }

func (p *provisioner) work(ctx context.Context) {
	for {
		item, shutdown := p.queue.Get()
		if shutdown {
			return
		}
		kind, key, _ := strings.Cut(item, "/")
		var err error
		if kind == "claim" {
			err = p.provision(ctx, key)
		} else {
			err = p.reclaim(ctx, key)
		}
		if err != nil {
			log.Printf("provisioner: %s: %v (retrying)", item, err)
			p.queue.AddRateLimited(item)
		} else {
			p.queue.Forget(item)
		}
		p.queue.Done(item)
	}
}

// provision makes the volume of a claim of the class that has none.
func (p *provisioner) provision(ctx context.Context, key string) error {
	obj, exists, err := p.claims.GetByKey(key)
	if err != nil || !exists {
		return err
	}
	claim := obj.(*corev1.PersistentVolumeClaim)
	if claim.Spec.VolumeName != "" || claim.DeletionTimestamp != nil ||
		claim.Spec.StorageClassName == nil || *claim.Spec.StorageClassName != storageClassName {
		return nil
	}
	name := "pvc-" + string(claim.UID)
	if _, made, _ := p.volumes.GetByKey(name); made {
		return nil
	}
	path := filepath.Join(p.dir, name)
	if err := os.MkdirAll(path, 0o755); err != nil {
		return err
	}
	directory := corev1.HostPathDirectory
	volume := &corev1.PersistentVolume{
		ObjectMeta: metav1.ObjectMeta{Name: name, Annotations: map[string]string{provisionedBy: provisionerName}},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{corev1.ResourceStorage: claim.Spec.Resources.Requests[corev1.ResourceStorage]},
			AccessModes:                   claim.Spec.AccessModes,
			VolumeMode:                    claim.Spec.VolumeMode,
			StorageClassName:              storageClassName,
			PersistentVolumeReclaimPolicy: corev1.PersistentVolumeReclaimDelete,
			ClaimRef: &corev1.ObjectReference{Kind: "PersistentVolumeClaim", APIVersion: "v1",
				Namespace: claim.Namespace, Name: claim.Name, UID: claim.UID},
			PersistentVolumeSource: corev1.PersistentVolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: path, Type: &directory}},
		}}
	_, err = p.client.CoreV1().PersistentVolumes().Create(ctx, volume, metav1.CreateOptions{})
	if apierrors.IsAlreadyExists(err) {
		return nil
	}
	if err == nil {
		log.Printf("provisioner: %s for claim %s/%s at %s", name, claim.Namespace, claim.Name, path)
	}
	return err
}

// reclaim deletes a volume of its own that the binder released (its claim is gone), with its directory.
func (p *provisioner) reclaim(ctx context.Context, name string) error {
	obj, exists, err := p.volumes.GetByKey(name)
	if err != nil || !exists {
		return err
	}
	volume := obj.(*corev1.PersistentVolume)
	if volume.Annotations[provisionedBy] != provisionerName || volume.Status.Phase != corev1.VolumeReleased ||
		volume.Spec.PersistentVolumeReclaimPolicy != corev1.PersistentVolumeReclaimDelete || volume.DeletionTimestamp != nil {
		return nil
	}
	if err := os.RemoveAll(volume.Spec.HostPath.Path); err != nil {
		return err
	}
	err = p.client.CoreV1().PersistentVolumes().Delete(ctx, name, metav1.DeleteOptions{
		Preconditions: &metav1.Preconditions{UID: &volume.UID}})
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil
	}
	if err == nil {
		log.Printf("provisioner: %s deleted with its directory", name)
	}
	return err
}
