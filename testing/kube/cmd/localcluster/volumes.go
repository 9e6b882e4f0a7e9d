package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	authenticationv1 "k8s.io/api/authentication/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
)

// volumeWriter fills a pod's volumes in its directory, as the kubelet's volume plugins would.
type volumeWriter struct {
	client kubernetes.Interface
	pod    *corev1.Pod
	dir    string
}

// prepare writes every volume, and finds each claim's; a missing ConfigMap or Secret that is not
// optional, or a claim not bound yet, is an error the runner retries, as the kubelet does.
func (v volumeWriter) prepare(ctx context.Context) (map[string]string, error) {
	paths := map[string]string{}
	for _, volume := range v.pod.Spec.Volumes {
		if volume.PersistentVolumeClaim != nil {
			path, err := v.claim(ctx, volume.PersistentVolumeClaim.ClaimName)
			if err != nil {
				return nil, fmt.Errorf("volume %q: %w", volume.Name, err)
			}
			paths[volume.Name] = path
			continue
		}
		path := filepath.Join(v.dir, "volumes", volume.Name)
		if err := os.MkdirAll(path, 0o755); err != nil {
			return nil, err
		}
		var err error
		switch {
		case volume.EmptyDir != nil:
			err = os.Chmod(path, 0o777)
		case volume.ConfigMap != nil:
			err = v.configMap(ctx, path, volume.ConfigMap.Name, volume.ConfigMap.Items, volume.ConfigMap.Optional, mode(volume.ConfigMap.DefaultMode))
		case volume.Secret != nil:
			err = v.secret(ctx, path, volume.Secret.SecretName, volume.Secret.Items, volume.Secret.Optional, mode(volume.Secret.DefaultMode))
		case volume.Projected != nil:
			err = v.projected(ctx, path, volume.Projected)
		case volume.DownwardAPI != nil:
			err = v.downward(path, volume.DownwardAPI.Items, mode(volume.DownwardAPI.DefaultMode))
		default:
			return nil, unsupported{fmt.Sprintf("volume %q: the local pod runner has only emptyDir, configMap, secret, projected, downwardAPI and persistentVolumeClaim volumes", volume.Name)}
		}
		if err != nil {
			return nil, fmt.Errorf("volume %q: %w", volume.Name, err)
		}
		if group := fsGroup(v.pod); group != nil && volume.EmptyDir == nil {
			if err := ownByGroup(path, *group); err != nil {
				return nil, err
			}
		}
		paths[volume.Name] = path
	}
	return paths, nil
}

// claim is the directory of a bound claim's volume, which outlives the pod, given to the pod's fsGroup
// as the kubelet does for a volume whose driver supports it (as block storage's CSI drivers do).
func (v volumeWriter) claim(ctx context.Context, name string) (string, error) {
	claim, err := v.client.CoreV1().PersistentVolumeClaims(v.pod.Namespace).Get(ctx, name, metav1.GetOptions{})
	if err != nil {
		return "", fmt.Errorf("persistentvolumeclaim %q: %w", name, err)
	}
	if claim.DeletionTimestamp != nil {
		return "", fmt.Errorf("persistentvolumeclaim %q is being deleted", name)
	}
	if claim.Status.Phase != corev1.ClaimBound {
		return "", fmt.Errorf("persistentvolumeclaim %q is not bound yet (%s)", name, claim.Status.Phase)
	}
	volume, err := v.client.CoreV1().PersistentVolumes().Get(ctx, claim.Spec.VolumeName, metav1.GetOptions{})
	if err != nil {
		return "", fmt.Errorf("persistentvolume %q of claim %q: %w", claim.Spec.VolumeName, name, err)
	}
	if volume.Spec.HostPath == nil {
		return "", unsupported{fmt.Sprintf("persistentvolume %q: the local pod runner mounts only hostPath volumes "+
			"(those of the %s StorageClass)", volume.Name, storageClassName)}
	}
	path := volume.Spec.HostPath.Path
	if group := fsGroup(v.pod); group != nil {
		if err := giveToGroup(path, *group, v.pod.Spec.SecurityContext.FSGroupChangePolicy); err != nil {
			return "", err
		}
	}
	return path, nil
}

// unsupported is a pod the runner cannot run at all; it fails the pod rather than retrying.
type unsupported struct{ reason string }

func (u unsupported) Error() string { return u.reason }

func (v volumeWriter) configMap(ctx context.Context, dir, name string, items []corev1.KeyToPath, optional *bool, defaultMode os.FileMode) error {
	cm, err := v.client.CoreV1().ConfigMaps(v.pod.Namespace).Get(ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) && optional != nil && *optional {
		return nil
	}
	if err != nil {
		return fmt.Errorf("configmap %q: %w", name, err)
	}
	data := map[string][]byte{}
	for k, s := range cm.Data {
		data[k] = []byte(s)
	}
	for k, b := range cm.BinaryData {
		data[k] = b
	}
	return writeKeys(dir, data, items, defaultMode)
}

func (v volumeWriter) secret(ctx context.Context, dir, name string, items []corev1.KeyToPath, optional *bool, defaultMode os.FileMode) error {
	secret, err := v.client.CoreV1().Secrets(v.pod.Namespace).Get(ctx, name, metav1.GetOptions{})
	if apierrors.IsNotFound(err) && optional != nil && *optional {
		return nil
	}
	if err != nil {
		return fmt.Errorf("secret %q: %w", name, err)
	}
	return writeKeys(dir, secret.Data, items, defaultMode)
}

func (v volumeWriter) projected(ctx context.Context, dir string, projected *corev1.ProjectedVolumeSource) error {
	defaultMode := mode(projected.DefaultMode)
	for _, source := range projected.Sources {
		var err error
		switch {
		case source.ServiceAccountToken != nil:
			err = v.token(ctx, dir, source.ServiceAccountToken, defaultMode)
		case source.ConfigMap != nil:
			err = v.configMap(ctx, dir, source.ConfigMap.Name, source.ConfigMap.Items, source.ConfigMap.Optional, defaultMode)
		case source.Secret != nil:
			err = v.secret(ctx, dir, source.Secret.Name, source.Secret.Items, source.Secret.Optional, defaultMode)
		case source.DownwardAPI != nil:
			err = v.downward(dir, source.DownwardAPI.Items, defaultMode)
		default:
			err = unsupported{"projected volume source not supported by the local pod runner"}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// token is the pod's bound ServiceAccount token, from the TokenRequest API as the kubelet asks for it.
func (v volumeWriter) token(ctx context.Context, dir string, source *corev1.ServiceAccountTokenProjection, fileMode os.FileMode) error {
	request := &authenticationv1.TokenRequest{Spec: authenticationv1.TokenRequestSpec{
		ExpirationSeconds: source.ExpirationSeconds,
		BoundObjectRef:    &authenticationv1.BoundObjectReference{Kind: "Pod", APIVersion: "v1", Name: v.pod.Name, UID: v.pod.UID},
	}}
	if source.Audience != "" {
		request.Spec.Audiences = []string{source.Audience}
	}
	token, err := v.client.CoreV1().ServiceAccounts(v.pod.Namespace).CreateToken(ctx, serviceAccount(v.pod), request, metav1.CreateOptions{})
	if err != nil {
		return fmt.Errorf("token of service account %q: %w", serviceAccount(v.pod), err)
	}
	return writeFile(filepath.Join(dir, source.Path), []byte(token.Status.Token), fileMode)
}

func (v volumeWriter) downward(dir string, items []corev1.DownwardAPIVolumeFile, defaultMode os.FileMode) error {
	for _, item := range items {
		if item.FieldRef == nil {
			return unsupported{"downwardAPI item " + item.Path + ": only fieldRef"}
		}
		value, err := fieldValue(v.pod, item.FieldRef.FieldPath, "")
		if err != nil {
			return err
		}
		fileMode := defaultMode
		if item.Mode != nil {
			fileMode = os.FileMode(*item.Mode)
		}
		if err := writeFile(filepath.Join(dir, item.Path), []byte(value), fileMode); err != nil {
			return err
		}
	}
	return nil
}

func writeKeys(dir string, data map[string][]byte, items []corev1.KeyToPath, defaultMode os.FileMode) error {
	if len(items) == 0 {
		for key, value := range data {
			if err := writeFile(filepath.Join(dir, key), value, defaultMode); err != nil {
				return err
			}
		}
		return nil
	}
	for _, item := range items {
		value, ok := data[item.Key]
		if !ok {
			return fmt.Errorf("key %q not found", item.Key)
		}
		fileMode := defaultMode
		if item.Mode != nil {
			fileMode = os.FileMode(*item.Mode)
		}
		if err := writeFile(filepath.Join(dir, item.Path), value, fileMode); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, data []byte, fileMode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, data, fileMode); err != nil {
		return err
	}
	return os.Chmod(path, fileMode)
}

// ownByGroup gives a volume to the pod's fsGroup, readable by the group, as the kubelet does.
func ownByGroup(root string, group int64) error {
	return filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if err := os.Lchown(path, 0, int(group)); err != nil {
			return err
		}
		extra := os.FileMode(0o040)
		if info.IsDir() {
			extra = 0o050
		}
		return os.Chmod(path, info.Mode().Perm()|extra)
	})
}

// giveToGroup hands a writable volume to the pod's fsGroup as the kubelet does: every file the group's,
// readable and writable by it, directories also searchable and setgid (new files join the group); with
// OnRootMismatch, only when its top directory is not so already.
func giveToGroup(root string, group int64, policy *corev1.PodFSGroupChangePolicy) error {
	if policy != nil && *policy == corev1.FSGroupChangeOnRootMismatch {
		if info, err := os.Stat(root); err == nil && groupWritable(info, group) {
			return nil
		}
	}
	return filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if err := os.Lchown(path, -1, int(group)); err != nil {
			return err
		}
		if info.Mode()&os.ModeSymlink != 0 {
			return nil
		}
		mask := os.FileMode(0o660)
		if info.IsDir() {
			mask |= os.ModeSetgid | 0o110
		}
		return os.Chmod(path, info.Mode()|mask)
	})
}

// groupWritable is whether a volume's top directory is the group's already, as giveToGroup leaves it.
func groupWritable(info os.FileInfo, group int64) bool {
	stat, ok := info.Sys().(*syscall.Stat_t)
	return ok && int64(stat.Gid) == group && info.Mode()&os.ModeSetgid != 0 && info.Mode().Perm()&0o070 == 0o070
}

func mode(m *int32) os.FileMode {
	if m == nil {
		return 0o644
	}
	return os.FileMode(*m)
}

func fsGroup(pod *corev1.Pod) *int64 {
	if pod.Spec.SecurityContext == nil {
		return nil
	}
	return pod.Spec.SecurityContext.FSGroup
}

func serviceAccount(pod *corev1.Pod) string {
	if pod.Spec.ServiceAccountName == "" {
		return "default"
	}
	return pod.Spec.ServiceAccountName
}

// fieldValue is a downward API field of the pod.
func fieldValue(pod *corev1.Pod, path, podIP string) (string, error) {
	switch path {
	case "metadata.name":
		return pod.Name, nil
	case "metadata.namespace":
		return pod.Namespace, nil
	case "metadata.uid":
		return string(pod.UID), nil
	case "spec.nodeName":
		return pod.Spec.NodeName, nil
	case "spec.serviceAccountName":
		return pod.Spec.ServiceAccountName, nil
	case "status.podIP", "status.podIPs":
		return podIP, nil
	case "status.hostIP", "status.hostIPs":
		return "127.0.0.1", nil
	case "metadata.labels", "metadata.annotations":
		values := pod.Labels
		if path == "metadata.annotations" {
			values = pod.Annotations
		}
		var lines []string
		for k, v := range values {
			lines = append(lines, fmt.Sprintf("%s=%q", k, v))
		}
		return strings.Join(lines, "\n"), nil
	}
	for _, prefix := range []string{"metadata.labels['", "metadata.annotations['"} {
		if strings.HasPrefix(path, prefix) && strings.HasSuffix(path, "']") {
			key := strings.TrimSuffix(strings.TrimPrefix(path, prefix), "']")
			if strings.Contains(prefix, "labels") {
				return pod.Labels[key], nil
			}
			return pod.Annotations[key], nil
		}
	}
	return "", unsupported{"field " + path + " is not supported by the local pod runner"}
}
