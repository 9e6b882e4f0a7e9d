package io.loadfleet.worker.generate;

/**
 * Where IoT devices are: each site (100 consecutive devices) lies within about 15 km of one of 16
 * world cities, each device within about 200 m of its site, so a site's devices cluster on a map.
 * Everything derives from (seed, device), so a device never moves.
 */
final class SiteLocations {

    /** Latitude, longitude (degrees) and elevation (metres) of the cities sites are spread over. */
    private static final double[][] CITIES = {
        {40.7128, -74.0060, 10}, // New York
        {51.5074, -0.1278, 11}, // London
        {50.1109, 8.6821, 112}, // Frankfurt
        {48.8566, 2.3522, 35}, // Paris
        {40.4168, -3.7038, 667}, // Madrid
        {59.3293, 18.0686, 28}, // Stockholm
        {35.6762, 139.6503, 40}, // Tokyo
        {1.3521, 103.8198, 15}, // Singapore
        {-33.8688, 151.2093, 58}, // Sydney
        {-23.5505, -46.6333, 760}, // Sao Paulo
        {19.4326, -99.1332, 2240}, // Mexico City
        {39.7392, -104.9903, 1609}, // Denver
        {41.8781, -87.6298, 181}, // Chicago
        {19.0760, 72.8777, 14}, // Mumbai
        {-26.2041, 28.0473, 1753}, // Johannesburg
        {43.6532, -79.3832, 76}, // Toronto
    };

    static final int DEVICES_PER_SITE = 100;
    private static final double SITE_SPREAD_DEGREES = 0.15;
    private static final double DEVICE_SPREAD_DEGREES = 0.002;
    private static final double MAX_SITE_ELEVATION = 40;
    private static final double MAX_FLOOR_HEIGHT = 45;

    // traits of the site number
    private static final int TRAIT_CITY = 101;
    private static final int TRAIT_SITE_LATITUDE = 102;
    private static final int TRAIT_SITE_LONGITUDE = 103;
    private static final int TRAIT_SITE_ELEVATION = 104;
    // traits of the device number
    private static final int TRAIT_DEVICE_LATITUDE = 105;
    private static final int TRAIT_DEVICE_LONGITUDE = 106;
    private static final int TRAIT_FLOOR_HEIGHT = 107;

    private final DeviceTraits traits;

    SiteLocations(DeviceTraits traits) {
        this.traits = traits;
    }

    double latitude(long device) {
        long site = device / DEVICES_PER_SITE;
        return Decimals.round6(city(site)[0]
                + traits.between(site, TRAIT_SITE_LATITUDE, -SITE_SPREAD_DEGREES, SITE_SPREAD_DEGREES)
                + traits.between(device, TRAIT_DEVICE_LATITUDE, -DEVICE_SPREAD_DEGREES, DEVICE_SPREAD_DEGREES));
    }

    double longitude(long device) {
        long site = device / DEVICES_PER_SITE;
        return Decimals.round6(city(site)[1]
                + traits.between(site, TRAIT_SITE_LONGITUDE, -SITE_SPREAD_DEGREES, SITE_SPREAD_DEGREES)
                + traits.between(device, TRAIT_DEVICE_LONGITUDE, -DEVICE_SPREAD_DEGREES, DEVICE_SPREAD_DEGREES));
    }

    double altitude(long device) {
        long site = device / DEVICES_PER_SITE;
        return Decimals.round1(city(site)[2]
                + traits.between(site, TRAIT_SITE_ELEVATION, 0, MAX_SITE_ELEVATION)
                + traits.between(device, TRAIT_FLOOR_HEIGHT, 0, MAX_FLOOR_HEIGHT));
    }

    private double[] city(long site) {
        return CITIES[(int) (traits.unit(site, TRAIT_CITY) * CITIES.length)];
    }
}
