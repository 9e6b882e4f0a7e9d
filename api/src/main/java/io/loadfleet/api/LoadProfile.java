package io.loadfleet.api;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.loadfleet.api.spec.LoadProfileSpec;
import io.loadfleet.api.status.LoadProfileStatus;

/** A fleet of load generators publishing realistic records at an exact total rate. */
@Group(LoadProfile.GROUP)
@Version(LoadProfile.VERSION)
@Kind(LoadProfile.KIND)
@ShortNames("lp")
public class LoadProfile extends CustomResource<LoadProfileSpec, LoadProfileStatus> implements Namespaced {
    public static final String GROUP = "loadfleet.io";
    public static final String VERSION = "v1alpha1";
    public static final String KIND = "LoadProfile";
    public static final String API_VERSION = GROUP + "/" + VERSION;
}
