package io.tidewater.apiserver.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialTest {
  @TempDir Path dir;

  @Test
  void reloadsTheSameCaAndServingCertificateAfterARestart() throws Exception {
    TlsMaterial first = TlsMaterial.loadOrCreate(dir, List.of());
    TlsMaterial second = TlsMaterial.loadOrCreate(dir, List.of());
    assertThat(second.caPem()).isEqualTo(first.caPem());
    assertThat(second.keyStore().getCertificate("tidewater")).isEqualTo(first.keyStore().getCertificate("tidewater"));
  }

  @Test
  void reissuesTheServingCertificateFromTheSameCaForANewName() throws Exception {
    TlsMaterial first = TlsMaterial.loadOrCreate(dir, List.of());
    TlsMaterial second = TlsMaterial.loadOrCreate(dir, List.of("tidewater.example.com"));
    assertThat(second.caPem()).isEqualTo(first.caPem());
    var cert = (java.security.cert.X509Certificate) second.keyStore().getCertificate("tidewater");
    assertThat(cert.getSubjectAlternativeNames()).anySatisfy(san -> assertThat(san.get(1)).isEqualTo("tidewater.example.com"));
    cert.verify(second.caCertificate().getPublicKey());
  }
}
