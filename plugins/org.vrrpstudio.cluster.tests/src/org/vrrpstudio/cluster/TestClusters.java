package org.vrrpstudio.cluster;

import java.math.BigDecimal;

import org.vrrpstudio.model.AuthType;
import org.vrrpstudio.model.Authentication;
import org.vrrpstudio.model.Cluster;
import org.vrrpstudio.model.Director;
import org.vrrpstudio.model.DirectorInstance;
import org.vrrpstudio.model.InitialState;
import org.vrrpstudio.model.ModelFactory;
import org.vrrpstudio.model.VirtualAddress;
import org.vrrpstudio.model.VrrpInstance;

/** Builds small, valid clusters in code for tests. */
final class TestClusters {

    static final ModelFactory FACTORY = ModelFactory.eINSTANCE;

    private TestClusters() {
    }

    /** Two directors lvs1/lvs2 and one instance VI_1 (vrid 51, eth0, AH, one VIP), MASTER on lvs1. */
    static Cluster pairWithOneInstance() {
        Cluster cluster = FACTORY.createCluster();
        cluster.setName("test");
        Director lvs1 = director(cluster, "lvs1");
        Director lvs2 = director(cluster, "lvs2");
        VrrpInstance instance = instance(cluster, "VI_1", 51, "eth0", "192.168.200.10");
        settings(lvs1, instance, InitialState.MASTER, 150);
        settings(lvs2, instance, InitialState.BACKUP, 100);
        return cluster;
    }

    static Director director(Cluster cluster, String name) {
        Director director = FACTORY.createDirector();
        director.setName(name);
        cluster.getDirectors().add(director);
        return director;
    }

    static VrrpInstance instance(Cluster cluster, String name, int vrid, String itf, String... vips) {
        VrrpInstance instance = FACTORY.createVrrpInstance();
        instance.setName(name);
        instance.setVrid(vrid);
        instance.setInterface(itf);
        instance.setAdvertInterval(BigDecimal.ONE);
        Authentication authentication = FACTORY.createAuthentication();
        authentication.setType(AuthType.AH);
        authentication.setSecret("s3cret");
        instance.setAuthentication(authentication);
        for (String vip : vips) {
            VirtualAddress address = FACTORY.createVirtualAddress();
            address.setAddress(vip);
            instance.getVirtualAddresses().add(address);
        }
        cluster.getInstances().add(instance);
        return instance;
    }

    static DirectorInstance settings(Director director, VrrpInstance instance, InitialState state, int priority) {
        DirectorInstance settings = FACTORY.createDirectorInstance();
        settings.setInstance(instance);
        settings.setInitialState(state);
        settings.setPriority(priority);
        director.getInstanceSettings().add(settings);
        return settings;
    }
}
