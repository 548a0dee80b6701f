package io.tidewater.apiserver.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The server's TLS identity: a self-signed CA created on first start and a serving certificate it
 * signs, kept as PEM files in the data directory so kubeconfigs stay valid across restarts.
 */
public final class TlsMaterial {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] STORE_PASSWORD = "tidewater".toCharArray();

  private final X509Certificate caCertificate;
  private final X509Certificate serverCertificate;
  private final PrivateKey serverKey;

  private TlsMaterial(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
    this.caCertificate = ca;
    this.serverCertificate = server;
    this.serverKey = serverKey;
  }

  /**
   * Loads the CA and serving certificate from {@code dir}, creating them if absent. A serving
   * certificate that lacks one of {@code hostnames} is re-issued from the same CA.
   */
  public static TlsMaterial loadOrCreate(Path dir, List<String> hostnames) {
    try {
      Files.createDirectories(dir);
      Path caCrt = dir.resolve("ca.crt");
      Path caKey = dir.resolve("ca.key");
      X509Certificate ca;
      PrivateKey caPrivate;
      if (Files.exists(caCrt) && Files.exists(caKey)) {
        ca = readCertificate(Files.readString(caCrt));
        caPrivate = readPrivateKey(Files.readString(caKey));
      } else {
        KeyPair caPair = newKeyPair();
        caPrivate = caPair.getPrivate();
        ca = selfSignedCa(caPair);
        writeSecret(caKey, pem(caPair.getPrivate()));
        Files.writeString(caCrt, pem(ca));
      }
      Path srvCrt = dir.resolve("server.crt");
      Path srvKey = dir.resolve("server.key");
      Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
      names.addAll(hostnames);
      if (Files.exists(srvCrt) && Files.exists(srvKey)) {
        X509Certificate existing = readCertificate(Files.readString(srvCrt));
        if (coversAll(existing, names) && existing.getNotAfter().toInstant().isAfter(Instant.now().plus(Duration.ofDays(7)))) {
          return new TlsMaterial(ca, existing, readPrivateKey(Files.readString(srvKey)));
        }
      }
      KeyPair serverPair = newKeyPair();
      X509Certificate server = serving(ca, caPrivate, serverPair, names);
      writeSecret(srvKey, pem(serverPair.getPrivate()));
      Files.writeString(srvCrt, pem(server));
      return new TlsMaterial(ca, server, serverPair.getPrivate());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("could not create TLS material: " + e.getMessage(), e);
    }
  }

  /** A key store holding the serving key and chain, for the HTTPS connector. */
  public KeyStore keyStore() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("tidewater", serverKey, STORE_PASSWORD, new java.security.cert.Certificate[] {serverCertificate, caCertificate});
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String keyStorePassword() {
    return new String(STORE_PASSWORD);
  }

  /** The CA certificate in PEM, for {@code certificate-authority-data} in kubeconfigs. */
  public String caPem() {
    try {
      return pem(caCertificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  private static boolean coversAll(X509Certificate cert, Set<String> names) throws GeneralSecurityException {
    var sans = cert.getSubjectAlternativeNames();
    if (sans == null) {
      return false;
    }
    Set<String> have = new LinkedHashSet<>();
    for (List<?> san : sans) {
      have.add(String.valueOf(san.get(1)));
    }
    for (String n : names) {
      if (!have.contains(n) && !have.contains(normalizeIp(n))) {
        return false;
      }
    }
    return true;
  }

  private static String normalizeIp(String n) {
    try {
      if (isIp(n)) {
        return InetAddress.getByName(n).getHostAddress();
      }
    } catch (IOException e) {
      // not an address
    }
    return n;
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static X509Certificate selfSignedCa(KeyPair pair) throws Exception {
    X500Name name = new X500Name("CN=tidewater-ca");
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        name, new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), name, pair.getPublic());
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
    b.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
    return sign(b, pair.getPrivate());
  }

  private static X509Certificate serving(X509Certificate ca, PrivateKey caKey, KeyPair pair, Set<String> names) throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
        ca, new BigInteger(64, RANDOM), Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(825))),
        new X500Name("CN=tidewater-apiserver"), pair.getPublic());
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    List<GeneralName> sans = new ArrayList<>();
    for (String n : names) {
      sans.add(isIp(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
    }
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
    b.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
    return sign(b, caKey);
  }

  private static boolean isIp(String n) {
    return n.matches("[0-9.]+") || n.contains(":");
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key) throws Exception {
    ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    X509CertificateHolder holder = b.build(signer);
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static String pem(Object o) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      // Keys as PKCS#8 ("PRIVATE KEY"): the traditional EC form omits the public key and reads back incomplete.
      pw.writeObject(o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
    }
    return w.toString();
  }

  private static X509Certificate readCertificate(String pem) throws Exception {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) p.readObject());
    }
  }

  /** Reads a private key written as PKCS#8 ("PRIVATE KEY") or as a traditional key pair. */
  private static PrivateKey readPrivateKey(String pem) throws IOException {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o = p.readObject();
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair kp) {
        return converter.getKeyPair(kp).getPrivate();
      }
      if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
        return converter.getPrivateKey(info);
      }
      throw new IOException("not a private key: " + (o == null ? "empty file" : o.getClass().getSimpleName()));
    }
  }

  private static void writeSecret(Path path, String content) throws IOException {
    Files.writeString(path, content, StandardCharsets.US_ASCII);
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
  }
}
