package io.loadfleet.worker.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and a broker certificate it signed, for 127.0.0.1 and localhost, in PEM: what a
 * TLS test's broker serves and its clients trust. (Bouncy Castle comes with pulsar-client-all.)
 *
 * @param caPem         the CA certificate: a client's trust store
 * @param brokerCertPem the broker's certificate followed by the CA's: the chain a broker serves
 * @param brokerKeyPem  the broker's private key, unencrypted PKCS#8
 */
public record TestCertificates(String caPem, String brokerCertPem, String brokerKeyPem) {

    public static TestCertificates generate() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair caKeys = rsa.generateKeyPair();
            KeyPair brokerKeys = rsa.generateKeyPair();
            X500Name caName = new X500Name("CN=loadfleet test CA");
            X509CertificateHolder ca = sign(
                    new JcaX509v3CertificateBuilder(
                                    caName, serial(), notBefore(), notAfter(), caName, caKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
                    caKeys);
            X509CertificateHolder broker = sign(
                    new JcaX509v3CertificateBuilder(
                                    caName,
                                    serial(),
                                    notBefore(),
                                    notAfter(),
                                    new X500Name("CN=localhost"),
                                    brokerKeys.getPublic())
                            .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                                new GeneralName(GeneralName.dNSName, "localhost")
                            })),
                    caKeys);
            return new TestCertificates(
                    pem(ca), pem(broker) + pem(ca), pem(new JcaPKCS8Generator(brokerKeys.getPrivate(), null)));
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TLS server context serving the broker's certificate chain, for servers the tests start in-process. */
    public javax.net.ssl.SSLContext serverContext() {
        try {
            String base64 = brokerKeyPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            java.security.PrivateKey key = java.security.KeyFactory.getInstance("RSA")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(
                            java.util.Base64.getDecoder().decode(base64)));
            java.security.cert.Certificate[] chain = java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(
                            brokerCertPem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                    .toArray(java.security.cert.Certificate[]::new);
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] none = new char[0];
            store.setKeyEntry("server", key, none, chain);
            javax.net.ssl.KeyManagerFactory keys =
                    javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, none);
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a TLS server context", e);
        }
    }

    private static X509CertificateHolder sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair signer)
            throws org.bouncycastle.operator.OperatorCreationException {
        return builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate()));
    }

    private static String pem(Object object) throws IOException, GeneralSecurityException {
        Object printable = object instanceof X509CertificateHolder holder
                ? new JcaX509CertificateConverter().getCertificate(holder)
                : object;
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(printable instanceof JcaPKCS8Generator g ? g.generate() : printable);
        }
        return out.toString();
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }
}
